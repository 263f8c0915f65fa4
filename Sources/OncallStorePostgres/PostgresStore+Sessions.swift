// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import PostgresNIO

/// The web pages' sessions (see `WebSessionRecord`): shared by every daemon on the database, so a sign-in
/// through one daemon holds on the others and a sign-out through any ends it everywhere.
extension PostgresStore {
    public func createSession(_ session: WebSessionRecord) async throws {
        try await transaction { c in
            try await c.query("DELETE FROM web_session WHERE expires_at <= \(session.createdAt)", logger: self.logger)
            try await c.query(
                """
                INSERT INTO web_session (\(unescaped: WebSessionRecord.columns))
                VALUES (\(session.idHash), \(session.tokenHash), \(session.createdAt), \(session.expiresAt))
                """, logger: self.logger)
        }
    }

    public func session(hash: String, now: Date) async throws -> WebSessionRecord? {
        try await rows(
            "SELECT \(unescaped: WebSessionRecord.columns) FROM web_session WHERE id_hash = \(hash) AND expires_at > \(now)",
            WebSessionRecord.init(row:)
        ).first
    }

    @discardableResult
    public func revokeSession(hash: String) async throws -> Bool {
        try await !rows("DELETE FROM web_session WHERE id_hash = \(hash) RETURNING id_hash") { try $0.decode(String.self) }.isEmpty
    }

    @discardableResult
    public func purgeExpiredSessions(now: Date) async throws -> Int {
        try await rows("DELETE FROM web_session WHERE expires_at <= \(now) RETURNING id_hash") { try $0.decode(String.self) }.count
    }
}
