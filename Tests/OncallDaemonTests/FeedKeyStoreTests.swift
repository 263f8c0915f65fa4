// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import OncallCalendar
import OncallStore
import Testing

@Suite("feed keys in the store")
struct FeedKeyStoreTests {
    @Test("a database of the first release upgrades in place: its rosters kept, the feed-key table added")
    func upgradeFromV1() async throws {
        let dir = try TempDirectory()
        let path = dir.file("old.sqlite")
        do {
            let old = try DatabasePool(path: path)
            try SQLiteMigrations.migrator.migrate(old, upTo: "v1-daemon")
            try await old.write { db in
                try db.execute(
                    sql: "INSERT INTO published_roster (month, format, payload, published_at, published_by) VALUES (?, 'csv', ?, ?, 'admin')",
                    arguments: ["2026-12", validRosterCSV(.init("2026-12")!), Date()])
            }
            #expect(try await old.read { db in try db.tableExists("ical_feed_key") } == false)
        }
        let store = try SQLiteStore(path: path)
        #expect(try await store.publishedRosters().map(\.month) == ["2026-12"])
        #expect(try await store.publishedRosters().first?.duties.count == 31 * 4, "its text became duty rows")
        #expect(try await store.writer.read { db in try db.tableExists("ical_feed_key") })
        #expect(try await store.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") } == SQLiteMigrations.migrator.migrations)
    }

    @Test("keys are found by hash, listed while in force, revoked once; override history keeps revoked overrides")
    func keysAndHistory() async throws {
        let dir = try TempDirectory()
        let store = try SQLiteStore(path: dir.file("oncall.sqlite"))
        let now = Date()
        let key = FeedKeyRecord(kind: .member, subject: "p3", keyHash: "ab12", createdAt: now, createdBy: "admin")
        try await store.insert(key, audit: AuditEntry(at: now, actor: "admin", action: "create_feed_key", subject: "member:p3"))
        try await store.insert(
            FeedKeyRecord(kind: .pool, subject: "docs", keyHash: "cd34", createdAt: now, createdBy: "admin"),
            audit: AuditEntry(at: now, actor: "admin", action: "create_feed_key", subject: "pool:docs"))
        #expect(try await store.feedKey(hash: "ab12")?.id == key.id)
        #expect(try await store.feedKey(hash: "nope") == nil)
        #expect(try await store.activeFeedKeys().count == 2)
        #expect(try await store.activeFeedKeys(kind: .member, subject: "p3").map(\.id) == [key.id])
        #expect(try await store.revokeFeedKey(id: key.id, at: now, audit: AuditEntry(at: now, actor: "admin", action: "revoke_feed_key", subject: "member:p3")))
        #expect(try await !store.revokeFeedKey(id: key.id, at: now, audit: AuditEntry(at: now, actor: "admin", action: "revoke_feed_key", subject: "member:p3")))
        #expect(try await store.feedKey(hash: "ab12")?.revokedAt != nil)
        #expect(try await store.activeFeedKeys().map(\.subject) == ["docs"])

        let o = RosterOverride(pool: "docs", date: "2026-12-05", shift: "night", tier: "backup", member: "p5", replaces: "p4", createdAt: now, createdBy: "admin")
        #expect(try await store.insertOverride(o, audit: AuditEntry(at: now, actor: "admin", action: "override", subject: o.id), ifRevision: 0))
        _ = try await store.revokeOverride(id: o.id, at: now, audit: AuditEntry(at: now, actor: "admin", action: "revoke_override", subject: o.id))
        #expect(try await store.activeOverrides().isEmpty)
        #expect(try await store.overrides(from: "2026-12-01", through: "2026-12-31").map(\.id) == [o.id])
        #expect(try await store.overrides(from: "2027-01-01", through: "2027-01-31").isEmpty)
    }
}
