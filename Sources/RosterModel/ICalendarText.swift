// SPDX-License-Identifier: GPL-3.0-or-later

/// The text rules of RFC 5545 that every calendar client insists on: escaped values, lines of
/// at most 75 octets folded with a leading space, CRLF after every line.
public enum ICalendarText {
    /// A TEXT value with its backslashes, semicolons, commas and newlines escaped (RFC 5545 3.3.11).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            // A CRLF pair is one line break, not two.
            case "\n": if !previousWasCR { out += "\\n" }
            default: out.unicodeScalars.append(scalar)
            }
            previousWasCR = scalar == "\r"
        }
        return out
    }

    /// One content line folded into pieces of at most 75 octets (RFC 5545 3.1), each ended by CRLF.
    ///
    /// Folds fall between characters, never inside a UTF-8 sequence: Japanese names are three octets
    /// a character, and a client that reassembles half a character shows mojibake.
    public static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        var limit = 75
        for character in line {
            let size = String(character).utf8.count
            if octets + size > limit {
                out += "\r\n "
                // The leading space counts toward the next line's 75 octets.
                octets = 1
                limit = 75
            }
            out.append(character)
            octets += size
        }
        return out + "\r\n"
    }
}
