// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB

/// What the calendar feeds and web pages read besides the rosters: feed keys and the overrides' history.
extension SQLiteStore {
    // MARK: Feed keys

    public func insert(_ key: FeedKeyRecord, audit: AuditEntry) async throws {
        try await writer.write { db in
            try key.insert(db)
            _ = try audit.inserted(db)
        }
        feed.post(.feedKeys)
    }

    /// The key whose SHA-256 is `hash`, revoked or not.
    public func feedKey(hash: String) async throws -> FeedKeyRecord? {
        try await writer.read { db in try FeedKeyRecord.filter(Column("key_hash") == hash).fetchOne(db) }
    }

    public func feedKey(id: String) async throws -> FeedKeyRecord? {
        try await writer.read { db in try FeedKeyRecord.fetchOne(db, key: id) }
    }

    /// Keys in force, oldest first; only those of one member or pool when `kind` and `subject` are given.
    public func activeFeedKeys(kind: FeedKeyRecord.Kind?, subject: String?) async throws -> [FeedKeyRecord] {
        try await writer.read { db in
            var request = FeedKeyRecord.filter(Column("revoked_at") == nil)
            if let kind { request = request.filter(Column("kind") == kind.rawValue) }
            if let subject { request = request.filter(Column("subject") == subject) }
            return try request.order(Column("created_at"), Column("id")).fetchAll(db)
        }
    }

    /// Marks a key revoked; false when there is no such key in force.
    public func revokeFeedKey(id: String, at: Date, audit: AuditEntry) async throws -> Bool {
        let revoked = try await writer.write { db -> Bool in
            guard var key = try FeedKeyRecord.fetchOne(db, key: id), key.revokedAt == nil else { return false }
            key.revokedAt = at
            try key.update(db)
            _ = try audit.inserted(db)
            return true
        }
        if revoked { feed.post(.feedKeys) }
        return revoked
    }

    // MARK: Override history

    /// Every override on a date in `first...last` ("YYYY-MM-DD"), revoked ones too, oldest first:
    /// a feed counts each change of a duty to number its versions (SEQUENCE).
    public func overrides(from first: String, through last: String) async throws -> [RosterOverride] {
        try await writer.read { db in
            try RosterOverride.filter(Column("date") >= first && Column("date") <= last)
                .order(Column("created_at"), Column("id")).fetchAll(db)
        }
    }
}
