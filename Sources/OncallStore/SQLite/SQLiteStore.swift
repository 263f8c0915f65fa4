// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB

/// The daemon's durable state in one SQLite file, for one daemon.
///
/// Every write is a committed transaction before the caller acts on it: that is what lets
/// a `kill -9` lose nothing. WAL with `synchronous = FULL` makes a commit survive power loss too.
/// Writes are serialised by GRDB's writer, which is what makes each conditional write atomic here.
public final class SQLiteStore: OncallStore {
    public let writer: any DatabaseWriter
    let feed = ChangeFeed()

    /// A store on any GRDB writer (a pool on a file, a queue in memory), migrated.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try SQLiteMigrations.migrator.migrate(writer)
    }

    /// Opens (creating if needed) and migrates the database at `path`.
    public convenience init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        config.busyMode = .timeout(5)
        try self.init(writer: try DatabasePool(path: path, configuration: config))
    }

    /// Opens a live daemon's database to read it only: it is neither created, migrated nor written.
    public init(readingOnly path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        let pool = try DatabasePool(path: path, configuration: config)
        guard try pool.read({ db in try SQLiteMigrations.migrator.hasCompletedMigrations(db) }) else {
            throw StoreError(.schemaNotCurrent, "\(path) was written by another version of oncalld: start `oncalld serve` on it once")
        }
        writer = pool
    }

    public func changes() -> AsyncStream<StoreChange> { feed.subscribe() }

    // MARK: Rosters

    /// Makes `roster` the month's roster in force and keeps it as the month's next version; returns that version.
    @discardableResult
    public func publish(_ roster: PublishedRoster, audit: AuditEntry) async throws -> Int {
        let version = try await writer.write { db in
            let last = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM published_roster_version WHERE month = ?", arguments: [roster.month])
            let version = (last ?? 0) + 1
            try roster.save(db)
            try PublishedRosterVersion(
                month: roster.month, version: version, payload: roster.payload, publishedAt: roster.publishedAt, publishedBy: roster.publishedBy
            ).insert(db)
            try audit.inserted(db)
            try Self.bumpRevision(db)
            return version
        }
        feed.post(.rosters)
        return version
    }

    /// Every version published for `month`, oldest first.
    public func rosterVersions(month: String) async throws -> [PublishedRosterVersion] {
        try await writer.read { db in
            try PublishedRosterVersion.filter(Column("month") == month).order(Column("version")).fetchAll(db)
        }
    }

    public func publishedRoster(month: String) async throws -> PublishedRoster? {
        try await writer.read { db in try PublishedRoster.fetchOne(db, key: month) }
    }

    public func publishedRosters() async throws -> [PublishedRoster] {
        try await writer.read { db in try PublishedRoster.order(Column("month")).fetchAll(db) }
    }

    // MARK: Overrides

    public func overridesInForce() async throws -> RosterRevision {
        try await writer.read { db in
            RosterRevision(
                revision: try Int64.fetchOne(db, sql: "SELECT value FROM roster_revision WHERE id = 1") ?? 0,
                overrides: try RosterOverride.filter(Column("revoked_at") == nil).order(Column("created_at"), Column("id")).fetchAll(db))
        }
    }

    public func insertOverride(_ override: RosterOverride, audit: AuditEntry, ifRevision revision: Int64) async throws -> Bool {
        let inserted = try await writer.write { db -> Bool in
            guard try Int64.fetchOne(db, sql: "SELECT value FROM roster_revision WHERE id = 1") == revision else { return false }
            try override.insert(db)
            try audit.inserted(db)
            try Self.bumpRevision(db)
            return true
        }
        if inserted { feed.post(.rosters) }
        return inserted
    }

    /// Marks an override revoked; false when there is no such override in force.
    public func revokeOverride(id: String, at: Date, audit: AuditEntry) async throws -> Bool {
        let revoked = try await writer.write { db -> Bool in
            guard var o = try RosterOverride.fetchOne(db, key: id), o.revokedAt == nil else { return false }
            o.revokedAt = at
            try o.update(db)
            try audit.inserted(db)
            try Self.bumpRevision(db)
            return true
        }
        if revoked { feed.post(.rosters) }
        return revoked
    }

    static func bumpRevision(_ db: Database) throws {
        try db.execute(sql: "UPDATE roster_revision SET value = value + 1 WHERE id = 1")
    }

    // MARK: Escalations

    /// Inserts the escalation, or returns the one already stored under its idempotency key.
    /// - Returns: the stored escalation and whether it was created by this call.
    public func createEscalation(_ escalation: EscalationRecord, audit: AuditEntry) async throws -> (EscalationRecord, created: Bool) {
        let result = try await writer.write { db -> (EscalationRecord, created: Bool) in
            if let key = escalation.idempotencyKey,
                let existing = try EscalationRecord.filter(Column("idempotency_key") == key).fetchOne(db)
            {
                return (existing, false)
            }
            try escalation.insert(db)
            try audit.inserted(db)
            return (escalation, true)
        }
        if result.created { feed.post(.escalations) }
        return result
    }

    public func escalation(id: String) async throws -> EscalationRecord? {
        try await writer.read { db in try EscalationRecord.fetchOne(db, key: id) }
    }

    public func claimDue(at now: Date, owner: String, lease: TimeInterval, limit: Int) async throws -> [EscalationRecord] {
        try await writer.write { db in
            let due = try EscalationRecord.filter(
                ((Column("status") == EscalationStatus.open.rawValue && Column("next_deadline") <= now) || Column("alert_due") == true)
                    && (Column("claim_owner") == nil || Column("claim_until") <= now || Column("claim_owner") == owner)
            ).order(Column("next_deadline")).limit(limit).fetchAll(db)
            let until = now.addingTimeInterval(lease)
            for e in due {
                try db.execute(sql: "UPDATE escalation SET claim_owner = ?, claim_until = ? WHERE id = ?", arguments: [owner, until, e.id])
            }
            return due
        }
    }

    public func renewClaim(escalation id: String, owner: String, until: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE escalation SET claim_until = ? WHERE id = ? AND claim_owner = ?", arguments: [until, id, owner])
            return db.changesCount > 0
        }
    }

    public func releaseClaim(escalation id: String, owner: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE escalation SET claim_owner = NULL, claim_until = NULL WHERE id = ? AND claim_owner = ?", arguments: [id, owner])
        }
    }

    /// The earliest deadline of an open escalation after `now`: when the engine must next look.
    public func nextDeadline(after now: Date) async throws -> Date? {
        try await writer.read { db in
            // Both columns hold GRDB's "YYYY-MM-DD HH:MM:SS.SSS" text, which orders as time does.
            try Date.fetchOne(
                db,
                sql: """
                    SELECT MIN(due) FROM (
                        SELECT MAX(next_deadline, COALESCE(claim_until, next_deadline)) AS due FROM escalation
                        WHERE status = ? OR alert_due)
                    WHERE due > ?
                    """,
                arguments: [EscalationStatus.open.rawValue, now])
        }
    }

    public func openEscalations() async throws -> [EscalationRecord] {
        try await writer.read { db in
            try EscalationRecord.filter(Column("status") == EscalationStatus.open.rawValue).order(Column("next_deadline")).fetchAll(db)
        }
    }

    /// Applies `change` to the stored escalation in one transaction, unless it is no longer open.
    /// - Returns: the escalation after the change, or nil when it was not open (an ack won the race).
    public func updateOpenEscalation(
        id: String, audit: AuditEntry?, _ change: @Sendable @escaping (inout EscalationRecord) -> Void
    ) async throws -> EscalationRecord? {
        try await writer.write { db in
            guard var e = try EscalationRecord.fetchOne(db, key: id), e.status == .open else { return nil }
            change(&e)
            try e.update(db)
            try audit?.inserted(db)
            return e
        }
    }

    /// Records an acknowledgement or a decline while the escalation is open and applies `change`, in one
    /// transaction. An answer to a closed escalation changes nothing and is not recorded.
    public func answer(
        _ answer: Acknowledgement, audit: AuditEntry,
        _ change: @Sendable @escaping (inout EscalationRecord, StepAnswers) -> Void
    ) async throws -> AnswerOutcome {
        let outcome = try await writer.write { db -> AnswerOutcome in
            guard var e = try EscalationRecord.fetchOne(db, key: answer.escalationId) else { return .notFound }
            guard e.status == .open else { return .closed(e) }
            var answer = answer
            answer.stepIndex = e.stepIndex
            answer.round = e.round
            try answer.insert(db)
            try audit.inserted(db)
            change(&e, try StepAnswers.fetch(db, escalation: e))
            try e.update(db)
            return .applied(e)
        }
        if case .applied = outcome { feed.post(.escalations) }
        return outcome
    }

    // MARK: Pages

    public func pages(escalation id: String) async throws -> [PageRecord] {
        try await writer.read { db in
            try PageRecord.filter(Column("escalation_id") == id).order(Column("sent_at"), Column("attempt")).fetchAll(db)
        }
    }

    public func acknowledgements(escalation id: String) async throws -> [Acknowledgement] {
        try await writer.read { db in
            try Acknowledgement.filter(Column("escalation_id") == id).order(Column("id")).fetchAll(db)
        }
    }

    public func auditLog() async throws -> [AuditEntry] {
        try await writer.read { db in try AuditEntry.order(Column("id")).fetchAll(db) }
    }
}
