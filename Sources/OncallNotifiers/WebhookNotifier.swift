// SPDX-License-Identifier: GPL-3.0-or-later
import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import RosterModel

/// Pages by HTTP POST of the page as JSON, signed so receivers can tell it came from us.
///
/// The header `X-Oncall-Signature` is `sha256=` and the hex HMAC-SHA256 of the exact body bytes.
public struct WebhookNotifier: Notifier {
    public static let signatureHeader = "X-Oncall-Signature"
    let client: HTTPClient
    /// The secret's bytes; a `SymmetricKey` is made per use because it is not `Sendable`.
    let secret: Data
    let timeout: TimeAmount

    /// - Parameter timeout: from the request's start to the whole answer, once a connection is had (the wait
    ///   for a connection and connecting are bounded by the client's own limits, not by this).
    public init(client: HTTPClient? = nil, secret: String, timeout: TimeAmount = .seconds(5)) {
        // Anyone can compute a signature under the empty key: it would sign nothing.
        precondition(!secret.isEmpty, "a webhook secret is required")
        self.client = client ?? PageHTTPClient.shared
        self.secret = Data(secret.utf8)
        self.timeout = timeout
    }

    public static func signature(of body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + Hex.lowercase(mac)
    }

    public func send(_ message: PageMessage, via channel: RosterModel.Channel) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = try encoder.encode(message)
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        var request = HTTPClientRequest(url: channel.address)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: Self.signatureHeader, value: "sha256=" + Hex.lowercase(mac))
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: timeout + PageHTTPClient.connectTimeout)
        // Read the (small) answer so the connection goes back to the pool for the next page.
        _ = try? await response.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(response.status.code) else {
            throw NotifierError("webhook answered \(response.status.code)")
        }
    }
}
