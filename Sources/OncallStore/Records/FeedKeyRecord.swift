// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB

/// The secret key of one calendar feed (a member's or a pool's duties), revocable.
///
/// The key itself is never stored: only its SHA-256 (to find the row from a feed URL) and the random
/// id the daemon derives the key from with its secret, so a copy of the database opens no feed.
public struct FeedKeyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "ical_feed_key"
    public enum Kind: String, Codable, Sendable { case member, pool }
    public var id: String
    public var kind: Kind
    /// The member's or pool's id.
    public var subject: String
    /// Lowercase hex SHA-256 of the key.
    public var keyHash: String
    public var createdAt: Date
    public var createdBy: String
    public var revokedAt: Date?

    public init(
        id: String = UUID().uuidString.lowercased(), kind: Kind, subject: String, keyHash: String, createdAt: Date, createdBy: String,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.kind = kind
        self.subject = subject
        self.keyHash = keyHash
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, subject
        case keyHash = "key_hash"
        case createdAt = "created_at"
        case createdBy = "created_by"
        case revokedAt = "revoked_at"
    }
}
