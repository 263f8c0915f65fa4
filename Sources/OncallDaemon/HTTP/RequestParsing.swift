// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import NIOCore
import RosterModel

/// Largest body the API reads; rosters for a city month are well under this.
let maximumBodySize = 2 * 1024 * 1024

extension Request {
    /// The whole body, 413 when larger than the limit.
    func bodyData() async throws -> Data {
        do {
            var buffer = try await body.collect(upTo: maximumBodySize)
            return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, field: "body", "larger than \(maximumBodySize) bytes")
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, field: "body", "larger than \(maximumBodySize) bytes")
        }
    }

    /// Decodes a JSON object body in which only `fields` may appear: an unknown field (a typo such as
    /// `urgncy`) or a trailing comma is a 400 naming it, never silently dropped.
    func decodeJSONObject<T: Decodable>(_ type: T.Type, fields: Set<String>) async throws -> T {
        let data = try await bodyData()
        try StrictJSON.rejectTrailingCommas(data)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw APIError(.badRequest, field: "body", "is not a JSON object")
        }
        if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            let hint = suggestion(for: unknown, among: fields) ?? "known fields: \(fields.sorted().joined(separator: ", "))"
            throw APIError(.badRequest, field: unknown, "unknown field — \(hint)")
        }
        return try Self.decode(T.self, from: data)
    }

    /// Decodes a JSON body, naming the field a decoding error points at.
    func decodeJSON<T: Decodable>(_ type: T.Type) async throws -> T {
        try Self.decode(T.self, from: try await bodyData())
    }

    private static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError(.badRequest, field: key.stringValue, "is required")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw APIError(.badRequest, field: context.codingPath.map(\.stringValue).joined(separator: "."), "has the wrong type")
        } catch {
            throw APIError(.badRequest, field: "body", "is not valid JSON")
        }
    }
}

/// Parses an ISO 8601 instant that must carry its time zone ("Z" or "+09:00"), and must name a real
/// date and time: the formatter would roll 2026-02-30 over into March.
func parseInstant(_ text: String, field: String) throws -> Date {
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let d = plain.date(from: text) ?? fractional.date(from: text) {
        let written = text.prefix(19)
        guard written.count == 19, let year = Int(written.prefix(4)), (1970...2200).contains(year) else {
            throw APIError(.badRequest, field: field, "must be a time between 1970 and 2200, e.g. 2026-12-05T02:00:00+09:00")
        }
        // The same instant written back in the offset it was given in must read the same date and time.
        // Shifted by the offset and written in UTC: Foundation traps on formatting in a zone 15 hours or more
        // from UTC, which the ISO 8601 reader accepts (+17:29).
        let offset = text.hasSuffix("Z") ? 0 : zoneOffset(of: text) ?? 0
        plain.timeZone = TimeZone(secondsFromGMT: 0)!
        guard plain.string(from: d.addingTimeInterval(Double(offset))).prefix(19) == written.replacingOccurrences(of: " ", with: "T") else {
            throw APIError(.badRequest, field: field, "\(written.prefix(10)) \(written.suffix(8)) is not a real date and time")
        }
        return d
    }
    let hasZone = text.hasSuffix("Z") || text.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) != nil
    throw APIError(.badRequest, field: field, hasZone ? "is not an ISO 8601 time" : "needs a time zone, e.g. 2026-12-05T02:00:00+09:00")
}

/// The UTC offset, in seconds, at the end of "…+09:00" or "…-0500".
private func zoneOffset(of text: String) -> Int? {
    guard let range = text.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) else { return nil }
    let digits = text[range].filter(\.isNumber)
    guard let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)) else { return nil }
    return (text[range].first == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
}

/// What Foundation's JSON reader lets through and a strict client must not send.
enum StrictJSON {
    /// A `,` followed by `}` or `]` outside strings.
    static func rejectTrailingCommas(_ data: Data) throws {
        var inString = false, escaped = false, afterComma = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if afterComma { throw APIError(.badRequest, field: "body", "is not valid JSON: a comma before a closing bracket") }
            case UInt8(ascii: "\""): inString = true
            default: break
            }
            afterComma = byte == UInt8(ascii: ",")
        }
    }
}
