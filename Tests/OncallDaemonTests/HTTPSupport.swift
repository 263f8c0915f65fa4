// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// One request through a test client: status and body text.
func call(
    _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String? = Harness.adminToken,
    body: String? = nil, contentType: String = "application/json"
) async throws -> (status: HTTPResponse.Status, body: String) {
    let r = try await exchange(client, method, uri, token: token, body: body, contentType: contentType)
    return (r.status, r.body)
}

/// One request with any headers (a cookie, Accept-Language): status, response headers and body text.
func exchange(
    _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, headers extra: HTTPFields = [:],
    token: String? = nil, body: String? = nil, contentType: String = "application/json"
) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
    var headers = extra
    if let token { headers[.authorization] = "Bearer \(token)" }
    if body != nil { headers[.contentType] = contentType }
    return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
        (response.status, response.headers, String(buffer: response.body))
    }
}

func jsonObject(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
}
