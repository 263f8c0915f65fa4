// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB

/// The daemon's durable state in one SQLite file.
///
/// Every write is a committed transaction before the caller acts on it: that is what lets
/// a `kill -9` lose nothing. WAL with `synchronous = FULL` makes a commit survive power loss too.
public final class OncallStore: Sendable {
    public let writer: DatabasePool

    /// Opens (creating if needed) and migrates the database at `path`.
    public init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        config.busyMode = .timeout(5)
        writer = try DatabasePool(path: path, configuration: config)
        try StoreMigrations.migrator.migrate(writer)
    }

    // MARK: Rosters

    /// Makes `roster` the month's roster in force and keeps it as the month's next version; returns that version.
    @discardableResult
    public func publish(_ roster: PublishedRoster, audit: AuditEntry) async throws -> Int {
        try await writer.write { db in
            let last = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM published_roster_version WHERE month = ?", arguments: [roster.month])
            let version = (last ?? 0) + 1
            try roster.save(db)
            try PublishedRosterVersion(
                month: roster.month, version: version, payload: roster.payload, publishedAt: roster.publishedAt, publishedBy: roster.publishedBy
            ).insert(db)
            try audit.inserted(db)
            return version
        }
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

    public func insert(_ override: RosterOverride, audit: AuditEntry) async throws {
        try await writer.write { db in
            try override.insert(db)
            try audit.inserted(db)
        }
    }

    /// Overrides in force (not revoked), oldest first so later ones apply on top.
    public func activeOverrides() async throws -> [RosterOverride] {
        try await writer.read { db in
            try RosterOverride.filter(Column("revoked_at") == nil).order(Column("created_at"), Column("id")).fetchAll(db)
        }
    }

    /// Marks an override revoked; false when there is no such override in force.
    public func revokeOverride(id: String, at: Date, audit: AuditEntry) async throws -> Bool {
        try await writer.write { db in
            guard var o = try RosterOverride.fetchOne(db, key: id), o.revokedAt == nil else { return false }
            o.revokedAt = at
            try o.update(db)
            try audit.inserted(db)
            return true
        }
    }

    // MARK: Escalations

    /// Inserts the escalation, or returns the one already stored under its idempotency key.
    /// - Returns: the stored escalation and whether it was created by this call.
    public func createEscalation(_ escalation: EscalationRecord, audit: AuditEntry) async throws -> (EscalationRecord, created: Bool) {
        try await writer.write { db in
            if let key = escalation.idempotencyKey,
                let existing = try EscalationRecord.filter(Column("idempotency_key") == key).fetchOne(db)
            {
                return (existing, false)
            }
            try escalation.insert(db)
            try audit.inserted(db)
            return (escalation, true)
        }
    }

    public func escalation(id: String) async throws -> EscalationRecord? {
        try await writer.read { db in try EscalationRecord.fetchOne(db, key: id) }
    }

    /// Escalations the engine must act on now: open ones whose deadline has come, earliest first, and
    /// exhausted ones whose admins' alert is not yet sent.
    public func dueEscalations(at now: Date) async throws -> [EscalationRecord] {
        try await writer.read { db in
            try EscalationRecord.filter(
                (Column("status") == EscalationStatus.open.rawValue && Column("next_deadline") <= now) || Column("alert_due") == true
            ).order(Column("next_deadline")).fetchAll(db)
        }
    }

    /// The earliest deadline of an open escalation after `now`: when the engine must next look.
    public func nextDeadline(after now: Date) async throws -> Date? {
        try await writer.read { db in
            try Date.fetchOne(
                db, sql: "SELECT MIN(next_deadline) FROM escalation WHERE status = ? AND next_deadline > ?",
                arguments: [EscalationStatus.open.rawValue, now])
        }
    }

    /// How many escalations are open, without reading them.
    public func openEscalationCount() async throws -> Int {
        try await writer.read { db in try EscalationRecord.filter(Column("status") == EscalationStatus.open.rawValue).fetchCount(db) }
    }

    public func openEscalations() async throws -> [EscalationRecord] {
        try await writer.read { db in
            try EscalationRecord.filter(Column("status") == EscalationStatus.open.rawValue).order(Column("next_deadline")).fetchAll(db)
        }
    }

    /// Applies `change` to the stored escalation in one transaction, unless it is no longer open.
    /// - Returns: the escalation after the change, or nil when it was not open (an ack won the race).
    public func updateOpenEscalation(
        id: String, audit: AuditEntry? = nil, _ change: @Sendable @escaping (inout EscalationRecord) -> Void
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
        try await writer.write { db in
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
