// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB

/// One sign-in on the web pages: found by the SHA-256 of the id its cookie carries, and tied to the
/// SHA-256 of the token it was made with. Neither the id nor the token is stored, so a copy of the
/// database opens no session and names no token.
public struct WebSessionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "web_session"
    /// Lowercase hex SHA-256 of the session id (the cookie's value).
    public var idHash: String
    /// Lowercase hex SHA-256 of the token signed in with; each request looks up the principal the config gives it now.
    public var tokenHash: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(idHash: String, tokenHash: String, createdAt: Date, expiresAt: Date) {
        self.idHash = idHash
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case idHash = "id_hash"
        case tokenHash = "token_hash"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
    }
}
