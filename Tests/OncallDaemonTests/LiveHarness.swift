// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import HummingbirdTesting
import OncallDaemon
import OncallStore

extension Harness {
    /// The harness's API as a real HTTP server on 127.0.0.1 (an ephemeral port) for the length of `test`.
    @discardableResult
    func serve<Value: Sendable>(_ api: Daemon<SQLiteStore>? = nil, _ test: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = Application(router: (api ?? self.api).router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in try await test(client) }
    }
}

/// An `application/x-www-form-urlencoded` body with every byte outside the unreserved set escaped.
func formBody(_ fields: KeyValuePairs<String, String>) -> String {
    let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    return fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: unreserved)!)" }.joined(separator: "&")
}

let formType = "application/x-www-form-urlencoded"
