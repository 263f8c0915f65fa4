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
    /// Problems of an uploaded file, each with its line and column.
    public var issues: [IssueJSON]?

    public struct ViolationJSON: Codable, Sendable, Equatable {
        public var rule: String
        public var message: String
    }

    public struct IssueJSON: Codable, Sendable, Equatable {
        public var line: Int?
        public var column: Int?
        public var field: String?
        public var message: String
        public var hint: String?
    }

    public init(
        _ status: HTTPResponse.Status, field: String? = nil, _ message: String, violations: [ViolationJSON]? = nil, issues: [IssueJSON]? = nil
    ) {
        self.status = status
        self.field = field
        self.message = message
        self.violations = violations
        self.issues = issues
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let text = field.map { "\($0): \(message)" } ?? message
        return try jsonResponse(APIErrorBody(error: .init(message: text, field: field), violations: violations, issues: issues), status: status)
    }
}

struct APIErrorBody: Encodable {
    struct Inner: Encodable {
        var message: String
        var field: String?
    }
    var error: Inner
    var violations: [APIError.ViolationJSON]?
    var issues: [APIError.IssueJSON]?
}

/// A JSON response with sorted keys, so clients and tests see a stable shape.
func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    jsonResponse(encoded: try encodeJSON(value), status: status)
}

/// A response of JSON already encoded by `encodeJSON`.
func jsonResponse(encoded data: Data, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// JSON as every response writes it: sorted keys, dates with milliseconds.
func encodeJSON(_ value: some Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    // Milliseconds matter to a reader checking deadlines; .iso8601 alone drops them.
    encoder.dateEncodingStrategy = .custom { date, encoder in
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var c = encoder.singleValueContainer()
        try c.encode(f.string(from: date))
    }
    return try encoder.encode(value)
}

/// A JSON array of values each encoded by `encodeJSON`: the bytes `encodeJSON` gives for the array itself.
func encodedJSONArray(_ elements: [Data]) -> Data {
    var out = Data("[".utf8)
    for (i, element) in elements.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        out.append(element)
    }
    out.append(UInt8(ascii: "]"))
    return out
}
