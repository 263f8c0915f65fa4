// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto
import Foundation

/// Calendar-feed keys: each is HMAC-SHA256 of a random id under the daemon's link secret.
///
/// The store keeps the id and a SHA-256 of the key, never the key: a copy of the database opens no
/// feed, yet the daemon can show a member their feed's address again. Changing the secret changes
/// every key (old feed addresses stop working); revoking one key marks its row.
struct FeedKeys: Sendable {
    let secret: Data

    /// The key of the feed-key row `id`: 43 URL-safe characters.
    func key(id: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("ical-feed\n\(id)".utf8), using: SymmetricKey(data: secret))
        return Data(mac).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// What the store keeps to find a key's row: lowercase hex SHA-256.
    static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
