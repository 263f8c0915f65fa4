// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

extension WebSession {
    /// Where to go after signing in: a path on this site only ("/month/2026-12"), never another site.
    ///
    /// Browsers drop tabs and line breaks from a Location and read `\` as `/`, so `/\t/evil.example` and
    /// `/\evil.example` go to evil.example. Hence: no control, format or whitespace character anywhere, no
    /// backslash, not `//`; and the same for every percent-decoded form (`/%2F/evil`, `/%09/evil`), in case
    /// something along the way decodes it once more. Letters of any script stay (`/call-centre?q=山田`).
    static func safeNext(_ next: String?) -> String {
        guard let next else { return "/" }
        var form = next
        for _ in 0..<4 {
            guard form.hasPrefix("/"), !form.hasPrefix("//"), !form.unicodeScalars.contains(where: unsafe) else { return "/" }
            // An escape that does not decode is nothing a page of ours links to.
            guard let decoded = form.removingPercentEncoding else { return "/" }
            if decoded == form { return next }
            form = decoded
        }
        // Still decoding after four rounds: nothing a page of ours links to either.
        return "/"
    }

    private static func unsafe(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\\" || scalar.properties.isWhitespace { return true }
        return [.control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned]
            .contains(scalar.properties.generalCategory)
    }
}
