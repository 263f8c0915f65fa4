// SPDX-License-Identifier: GPL-3.0-or-later

/// The fields of an `application/x-www-form-urlencoded` body, read byte by byte.
///
/// Strict, and never traps: a body is a form only when every byte is one a URL query may hold
/// (browsers escape everything else), every `%` starts a two-digit hex escape, and the decoded
/// names and values are UTF-8. Anything else is nil, and the caller answers 400. (Foundation's
/// `URLComponents.percentEncodedQuery` setter stops the process on such input.)
enum FormBody {
    /// The fields by name (the last of a repeated name wins), or nil when `body` is not a form.
    static func fields(_ body: some Collection<UInt8>) -> [String: String]? {
        var fields: [String: String] = [:]
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            guard let name = decode(pair[..<(equals ?? pair.endIndex)]) else { return nil }
            let value = equals.map { decode(pair[pair.index(after: $0)...]) } ?? ""
            guard let value else { return nil }
            fields[name] = value
        }
        return fields
    }

    /// One name or value: `+` is a space, `%XX` a byte; nil for a byte outside a query or a broken escape.
    private static func decode(_ text: some Collection<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var i = text.startIndex
        while i != text.endIndex {
            let byte = text[i]
            i = text.index(after: i)
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard i != text.endIndex, let high = hexValue(text[i]) else { return nil }
                i = text.index(after: i)
                guard i != text.endIndex, let low = hexValue(text[i]) else { return nil }
                i = text.index(after: i)
                bytes.append(high << 4 | low)
            default:
                guard isQueryByte(byte) else { return nil }
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// RFC 3986 `query` characters other than `%`: unreserved, sub-delims, ":", "@", "/", "?".
    private static func isQueryByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return punctuation.contains(byte)
        }
    }

    private static let punctuation = Set("-._~!$&'()*+,;=:@/?".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
