// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB

/// The engine's side of the store: each page attempt is written, in one transaction, only while the
/// escalation is still where the page belongs, so nothing is sent after an acknowledgement commits.
extension SQLiteStore {
    /// Writes a "sending" attempt of `pageId` if the escalation is still at `gate`; nil when it has moved on
    /// (acknowledged, declined past, exhausted, alert already sent).
    public func beginAttempt(
        escalation id: String, gate: PageGate, owner: String, pageId: String, member: String, tier: String, channel: String, at now: Date
    ) async throws -> PageRecord? {
        try await writer.write { db in
            guard let e = try EscalationRecord.fetchOne(db, key: id) else { return nil }
            let claimOwner = try String.fetchOne(db, sql: "SELECT claim_owner FROM escalation WHERE id = ?", arguments: [id])
            guard gate.admits(e, claimedBy: claimOwner, owner: owner) else { return nil }
            let earlier = try PageRecord.filter(Column("page_id") == pageId).fetchCount(db)
            let record = PageRecord(
                pageId: pageId, escalationId: id, member: member, tier: tier, channel: channel,
                stepIndex: gate.stepIndex(e), round: e.round, attempt: earlier + 1, sentAt: now, result: PageRecord.sending)
            try record.insert(db)
            return record
        }
    }

    /// Records how an attempt ended ("delivered" or "failed: why").
    public func finishAttempt(_ record: PageRecord, result: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE page SET result = ? WHERE id = ?", arguments: [result, record.id])
        }
    }

    /// Whether some attempt of `pageId` was delivered (before a restart, say): then it is not sent again.
    public func wasDelivered(pageId: String) async throws -> Bool {
        try await writer.read { db in
            try PageRecord.filter(Column("page_id") == pageId && Column("result") == PageRecord.delivered).fetchCount(db) > 0
        }
    }

    /// Ends the paging of a step: `change` sees who was reached and who declined, in one transaction,
    /// and only if the escalation is still open at that step and round, not yet marked paged.
    public func finishStep(
        escalation id: String, index: Int, round: Int, _ change: @Sendable @escaping (inout EscalationRecord, StepAnswers) -> Void
    ) async throws -> EscalationRecord? {
        try await writer.write { db in
            guard var e = try EscalationRecord.fetchOne(db, key: id), e.status == .open, e.stepIndex == index, e.round == round,
                !e.stepPaged
            else { return nil }
            change(&e, try StepAnswers.fetch(db, escalation: e))
            try e.update(db)
            return e
        }
    }

    /// The admins' alert went out (or every channel was tried): it is no longer due.
    public func alertSent(escalation id: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE escalation SET alert_due = 0 WHERE id = ?", arguments: [id])
        }
    }
}

extension StepAnswers {
    static func fetch(_ db: Database, escalation e: EscalationRecord) throws -> StepAnswers {
        let delivered = try String.fetchAll(
            db, sql: "SELECT DISTINCT member FROM page WHERE escalation_id = ? AND step_index = ? AND round = ? AND result = ?",
            arguments: [e.id, e.stepIndex, e.round, PageRecord.delivered])
        let declined = try String.fetchAll(
            db, sql: "SELECT DISTINCT member FROM acknowledgement WHERE escalation_id = ? AND step_index = ? AND round = ? AND kind = ?",
            arguments: [e.id, e.stepIndex, e.round, Acknowledgement.Kind.decline.rawValue])
        return StepAnswers(delivered: Set(delivered), declined: Set(declined))
    }
}

