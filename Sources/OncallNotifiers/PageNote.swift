// SPDX-License-Identifier: GPL-3.0-or-later

/// An escalation's note as an e-mail page carries it: cut to a length a page is read at, and split
/// at every kind of line break (CRLF, CR, LF, VT, FF, NEL, U+2028, U+2029).
///
/// Swift's `split(separator: "\n")` keeps a CRLF whole (it is one `Character`) and a bare CR
/// inside a line, which is how a note could end an SMTP DATA early; this works on scalars.
public struct PageNote {
    /// Longer notes are cut, and the page says so: the escalation keeps the whole note.
    public static let maximumLength = 2_000

    let lines: [String]
    let wasCut: Bool

    init(_ note: String) {
        let scalars = note.unicodeScalars
        // Counted in scalars, not characters: one character may hold any number of combining marks.
        wasCut = scalars.count > Self.maximumLength
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var afterCR = false
        for scalar in scalars.prefix(Self.maximumLength) {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n" && afterCR { continue }
            if Self.isLineBreak(scalar) {
                lines.append(String(line))
                line = String.UnicodeScalarView()
            } else {
                line.append(scalar != "\t" && Self.isControl(scalar) ? " " : scalar)
            }
        }
        lines.append(String(line))
        self.lines = lines
    }

    /// `text` with every line break and control character (tab too) made a space: safe in a header or an SMTP command.
    public static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isLineBreak(scalar) || isControl(scalar) ? " " : scalar) }
        return String(out)
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": true
        default: false
        }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .control }
}
