// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import RosterModel

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

    /// Makes `roster` the month's roster in force and keeps it as the month's next version, its duties as rows
    /// of that version (numbered with it, whatever `roster.version` says), in one transaction; returns the
    /// version. A duty given twice is kept once.
    @discardableResult
    public func publish(_ roster: PublishedRoster, audit: AuditEntry) async throws -> Int {
        let version = try await writer.write { db in
            let last = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM published_roster_version WHERE month = ?", arguments: [roster.month])
            let version = (last ?? 0) + 1
            // The text columns are from before duties were rows (v9-published-duties): "" from now on.
            try db.execute(
                sql: """
                    INSERT INTO published_roster (month, format, payload, published_at, published_by) VALUES (?, 'csv', '', ?, ?)
                    ON CONFLICT (month) DO UPDATE SET format = 'csv', payload = '', published_at = excluded.published_at,
                        published_by = excluded.published_by
                    """, arguments: [roster.month, roster.publishedAt, roster.publishedBy])
            try db.execute(
                sql: "INSERT INTO published_roster_version (month, version, payload, published_at, published_by) VALUES (?, ?, '', ?, ?)",
                arguments: [roster.month, version, roster.publishedAt, roster.publishedBy])
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO published_duty (month, version, position, date, shift, pool, tier, member) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, d) in roster.duties.enumerated() {
                try insert.execute(arguments: [roster.month, version, position, d.date, d.shift, d.pool, d.tier.rawValue, d.member])
            }
            try audit.inserted(db)
            try Self.bumpRevision(db)
            return version
        }
        feed.post(.rosters)
        return version
    }

    /// Every version published for `month`, oldest first, each with its duties in their published order.
    public func rosterVersions(month: String) async throws -> [PublishedRosterVersion] {
        try await writer.read { db in
            let duties = try Self.duties(db, where: "month = ?", [month])
            return try Row.fetchAll(
                db, sql: "SELECT month, version, published_at, published_by FROM published_roster_version WHERE month = ? ORDER BY version",
                arguments: [month]
            ).map { row in
                PublishedRosterVersion(
                    month: row["month"], version: row["version"], duties: duties[DutyKey(month: row["month"], version: row["version"])] ?? [],
                    publishedAt: row["published_at"], publishedBy: row["published_by"])
            }
        }
    }

    public func publishedRoster(month: String) async throws -> PublishedRoster? {
        try await writer.read { db in try Self.rostersInForce(db, month: month).first }
    }

    public func publishedRosters() async throws -> [PublishedRoster] {
        try await writer.read { db in try Self.rostersInForce(db, month: nil) }
    }

    /// The rosters in force (of `month` only, if given), by month: two queries, one per table, in one snapshot.
    static func rostersInForce(_ db: Database, month: String?) throws -> [PublishedRoster] {
        let only = month == nil ? "" : "WHERE r.month = ?"
        let arguments: StatementArguments = month.map { [$0] } ?? []
        let current = "(SELECT MAX(version) FROM published_roster_version v WHERE v.month = r.month)"
        let rows = try Row.fetchAll(
            db, sql: "SELECT r.month, \(current) AS version, r.published_at, r.published_by FROM published_roster r \(only) ORDER BY r.month",
            arguments: arguments)
        let duties = try duties(
            db,
            where: """
                version = (SELECT MAX(version) FROM published_roster_version v WHERE v.month = published_duty.month)
                \(month == nil ? "" : "AND month = ?")
                """, arguments)
        return rows.compactMap { row in
            // Every publish writes both tables; a month without versions is not a roster.
            guard let version: Int = row["version"] else { return nil }
            return PublishedRoster(
                month: row["month"], version: version, duties: duties[DutyKey(month: row["month"], version: version)] ?? [],
                publishedAt: row["published_at"], publishedBy: row["published_by"])
        }
    }

    struct DutyKey: Hashable {
        var month: String
        var version: Int
    }

    /// The duties `condition` selects, by version, each version's in their published order.
    static func duties(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [DutyKey: [PublishedDuty]] {
        let duties = try PublishedDuty.fetchAll(
            db,
            sql: """
                SELECT month, version, date, shift, pool, tier, member FROM published_duty WHERE \(condition)
                ORDER BY month, version, position, date, shift, pool, tier, member
                """, arguments: arguments)
        return Dictionary(grouping: duties) { DutyKey(month: $0.month, version: $0.version) }
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
    public func nextDeadline(after now: Date, owner: String) async throws -> Date? {
        try await writer.read { db in
            // Two index reads, not a scan of every open escalation: the next deadline (escalation_open), and the
            // end of the next claim of another engine that outlasts its deadline (escalation_claimed, few rows).
            // Dates are GRDB's "YYYY-MM-DD HH:MM:SS.SSS" text, which orders as time does; MIN of NULLs is NULL.
            try Date.fetchOne(
                db,
                sql: """
                    SELECT MIN(due) FROM (
                        SELECT MIN(next_deadline) AS due FROM escalation WHERE status = ? AND next_deadline > ?
                        UNION ALL
                        SELECT MIN(claim_until) FROM escalation
                        WHERE claim_owner IS NOT NULL AND claim_owner <> ? AND claim_until > ? AND claim_until > next_deadline
                          AND (status = ? OR alert_due))
                    """,
                arguments: [EscalationStatus.open.rawValue, now, owner, now, EscalationStatus.open.rawValue])
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
