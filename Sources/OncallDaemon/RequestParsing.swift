// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import NIOCore

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

    /// Decodes a JSON body, naming the field a decoding error points at.
    func decodeJSON<T: Decodable>(_ type: T.Type) async throws -> T {
        let data = try await bodyData()
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

/// Parses an ISO 8601 instant that must carry its time zone ("Z" or "+09:00").
func parseInstant(_ text: String, field: String) throws -> Date {
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let d = plain.date(from: text) ?? fractional.date(from: text) { return d }
    let hasZone = text.hasSuffix("Z") || text.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) != nil
    throw APIError(.badRequest, field: field, hasZone ? "is not an ISO 8601 time" : "needs a time zone, e.g. 2026-12-05T02:00:00+09:00")
}
