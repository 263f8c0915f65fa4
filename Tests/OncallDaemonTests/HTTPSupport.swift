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
    var headers: HTTPFields = [:]
    if let token { headers[.authorization] = "Bearer \(token)" }
    if body != nil { headers[.contentType] = contentType }
    return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
        (response.status, String(buffer: response.body))
    }
}

func jsonObject(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
}
