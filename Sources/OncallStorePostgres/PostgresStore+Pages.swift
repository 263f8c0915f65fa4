// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import PostgresNIO

/// The engine's side: a page attempt is written only while its escalation, locked, is still at the page's step
/// and claimed by this engine; so nothing is sent after an acknowledgement commits, by any daemon.
extension PostgresStore {
    public func beginAttempt(
        escalation id: String, gate: PageGate, owner: String, pageId: String, member: String, tier: String, channel: String, at now: Date
    ) async throws -> PageRecord? {
        // Four round trips: BEGIN, the escalation locked with its claim, the insert (which counts the earlier
        // attempts itself), COMMIT.
        try await transaction { c -> PageRecord? in
            let found = try await self.rows(
                "SELECT \(unescaped: EscalationRecord.columns), claim_owner FROM escalation WHERE id = \(id) FOR UPDATE", on: c
            ) { row in (try EscalationRecord(row: row), try row.makeRandomAccess().value("claim_owner", as: String?.self)) }
            guard let locked = found.first, gate.admits(locked.0, claimedBy: locked.1, owner: owner) else { return nil }
            let e = locked.0
            let stepIndex = gate.stepIndex(e)
            // The row's id is the page id and the attempt number, as `PageRecord` makes it.
            let attempt = try await self.rows(
                """
                INSERT INTO page (\(unescaped: PageRecord.columns))
                SELECT \(pageId) || '.' || (COUNT(*) + 1), \(pageId), \(id), \(member), \(tier), \(channel),
                       \(Int64(stepIndex)), \(Int64(e.round)), COUNT(*) + 1, \(now), \(PageRecord.sending)
                FROM page WHERE page_id = \(pageId)
                RETURNING attempt
                """, on: c) { try $0.decode(Int64.self) }
            guard let number = attempt.first else { throw StoreError(.unavailable, "the page attempt was not recorded") }
            return PageRecord(
                pageId: pageId, escalationId: id, member: member, tier: tier, channel: channel,
                stepIndex: stepIndex, round: e.round, attempt: Int(number), sentAt: now, result: PageRecord.sending)
        }
    }

    public func finishAttempt(_ record: PageRecord, result: String) async throws {
        try await execute("UPDATE page SET result = \(result) WHERE id = \(record.id)")
    }

    public func wasDelivered(pageId: String) async throws -> Bool {
        try await !rows("SELECT 1 FROM page WHERE page_id = \(pageId) AND result = \(PageRecord.delivered) LIMIT 1") { try $0.decode(Int32.self) }.isEmpty
    }

    public func finishStep(
        escalation id: String, index: Int, round: Int, _ change: @Sendable @escaping (inout EscalationRecord, StepAnswers) -> Void
    ) async throws -> EscalationRecord? {
        try await transaction { c -> EscalationRecord? in
            guard var e = try await self.locked(id, on: c), e.status == .open, e.stepIndex == index, e.round == round, !e.stepPaged else { return nil }
            change(&e, try await self.stepAnswers(e, on: c))
            try await self.save(e, on: c)
            return e
        }
    }

    public func alertSent(escalation id: String) async throws {
        try await execute("UPDATE escalation SET alert_due = false WHERE id = \(id)")
    }

    public func pages(escalation id: String) async throws -> [PageRecord] {
        try await rows("SELECT \(unescaped: PageRecord.columns) FROM page WHERE escalation_id = \(id) ORDER BY sent_at, attempt", PageRecord.init(row:))
    }

    public func acknowledgements(escalation id: String) async throws -> [Acknowledgement] {
        try await rows(
            "SELECT \(unescaped: Acknowledgement.columns) FROM acknowledgement WHERE escalation_id = \(id) ORDER BY id", Acknowledgement.init(row:))
    }
}
