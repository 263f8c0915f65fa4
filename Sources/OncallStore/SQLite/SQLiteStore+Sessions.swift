// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB

/// The web pages' sessions (see `WebSessionRecord`).
extension SQLiteStore {
    public func createSession(_ session: WebSessionRecord) async throws {
        try await writer.write { db in
            try WebSessionRecord.filter(Column("expires_at") <= session.createdAt).deleteAll(db)
            try session.insert(db)
        }
    }

    public func session(hash: String, now: Date) async throws -> WebSessionRecord? {
        try await writer.read { db in
            try WebSessionRecord.filter(Column("id_hash") == hash && Column("expires_at") > now).fetchOne(db)
        }
    }

    @discardableResult
    public func revokeSession(hash: String) async throws -> Bool {
        try await writer.write { db in try WebSessionRecord.deleteOne(db, key: hash) }
    }

    @discardableResult
    public func purgeExpiredSessions(now: Date) async throws -> Int {
        try await writer.write { db in try WebSessionRecord.filter(Column("expires_at") <= now).deleteAll(db) }
    }
}
