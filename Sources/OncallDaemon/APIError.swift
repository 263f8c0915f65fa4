// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A 4xx that names the field at fault, and optionally carries the hard-rule violations.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var field: String?
    public var message: String
    public var violations: [ViolationJSON]?

    public struct ViolationJSON: Codable, Sendable, Equatable {
        public var rule: String
        public var message: String
    }

    public init(_ status: HTTPResponse.Status, field: String? = nil, _ message: String, violations: [ViolationJSON]? = nil) {
        self.status = status
        self.field = field
        self.message = message
        self.violations = violations
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let text = field.map { "\($0): \(message)" } ?? message
        return try jsonResponse(APIErrorBody(error: .init(message: text, field: field), violations: violations), status: status)
    }
}

struct APIErrorBody: Encodable {
    struct Inner: Encodable {
        var message: String
        var field: String?
    }
    var error: Inner
    var violations: [APIError.ViolationJSON]?
}

/// A JSON response with sorted keys, so clients and tests see a stable shape.
func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    // Milliseconds matter to a reader checking deadlines; .iso8601 alone drops them.
    encoder.dateEncodingStrategy = .custom { date, encoder in
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var c = encoder.singleValueContainer()
        try c.encode(f.string(from: date))
    }
    let data = try encoder.encode(value)
    return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
}
