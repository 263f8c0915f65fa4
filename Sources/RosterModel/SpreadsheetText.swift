// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The text of a CSV file saved by Excel, in whichever encoding it came: "CSV UTF-8" (with a
/// byte-order mark), plain UTF-8, or "CSV" on a Japanese Windows, which is Shift_JIS (CP932).
public enum SpreadsheetText {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8", utf16 = "UTF-16", cp932 = "Shift_JIS (CP932)"
    }

    /// The text with any byte-order mark removed, and the encoding it was read in; nil when the
    /// bytes are none of these encodings.
    public static func decode(_ data: Data) -> (text: String, encoding: Encoding)? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(bytes: bytes.dropFirst(3), encoding: .utf8).map { ($0, .utf8) }
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard var text = String(data: data, encoding: .utf16) else { return nil }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return (text, .utf16)
        }
        // Shift_JIS text is almost never valid UTF-8, so a file that decodes as UTF-8 is UTF-8.
        if let text = String(bytes: bytes, encoding: .utf8) { return (text, .utf8) }
        return decodeCP932(bytes).map { ($0, .cp932) }
    }

    /// CP932 (Microsoft's Shift_JIS, with the NEC and IBM extensions such as ① and 髙, and ～ as
    /// U+FF5E). Foundation's `.shiftJIS` decodes it this way on Linux as on macOS (checked: 0x8160
    /// gives U+FF5E, 0xFBFC gives 髙), so no converter of our own is needed.
    public static func decodeCP932(_ bytes: [UInt8]) -> String? {
        String(data: Data(bytes), encoding: .shiftJIS)
    }
}
