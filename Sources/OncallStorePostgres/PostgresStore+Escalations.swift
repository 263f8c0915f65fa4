// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import PostgresNIO

/// Escalations: created once per idempotency key, claimed by one engine at a time, moved on only while open.
extension PostgresStore {
    public func createEscalation(_ e: EscalationRecord, audit: AuditEntry) async throws -> (EscalationRecord, created: Bool) {
        let result = try await transaction { c -> (EscalationRecord, created: Bool) in
            // The unique key decides between two daemons given the same key at once: one inserts, the other reads.
            let inserted = try await self.rows(
                """
                INSERT INTO escalation (\(unescaped: EscalationRecord.columns))
                VALUES (\(e.id), \(e.pool), \(e.facility), \(e.note), \(e.urgency), \(e.idempotencyKey), \(e.status.rawValue), \(try e.plan.json()),
                        \(Int64(e.stepIndex)), \(Int64(e.round)), \(e.stepPaged), \(e.nextDeadline), \(e.createdAt), \(e.createdBy),
                        \(e.closedAt), \(e.alertDue), \(e.patient), \(e.requestFingerprint))
                ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
                """, on: c) { try $0.decode(String.self) }
            if !inserted.isEmpty {
                try await self.audit(audit, on: c)
                try await Self.notify(.escalations, on: c, logger: self.logger)
                return (e, true)
            }
            guard let key = e.idempotencyKey,
                let existing = try await self.rows(
                    "SELECT \(unescaped: EscalationRecord.columns) FROM escalation WHERE idempotency_key = \(key)", on: c, EscalationRecord.init(row:)
                ).first
            else { throw StoreError(.unavailable, "the escalation was neither stored nor found") }
            return (existing, false)
        }
        if result.created { feed.post(.escalations) }
        return result
    }

    public func escalation(id: String) async throws -> EscalationRecord? {
        try await rows("SELECT \(unescaped: EscalationRecord.columns) FROM escalation WHERE id = \(id)", EscalationRecord.init(row:)).first
    }

    /// The escalation, locked until the transaction ends: the serialisation point of every conditional write.
    func locked(_ id: String, on c: PostgresConnection) async throws -> EscalationRecord? {
        try await rows("SELECT \(unescaped: EscalationRecord.columns) FROM escalation WHERE id = \(id) FOR UPDATE", on: c, EscalationRecord.init(row:)).first
    }

    func save(_ e: EscalationRecord, on c: PostgresConnection) async throws {
        try await c.query(
            """
            UPDATE escalation SET status = \(e.status.rawValue), step_index = \(Int64(e.stepIndex)), round = \(Int64(e.round)),
                step_paged = \(e.stepPaged), next_deadline = \(e.nextDeadline), closed_at = \(e.closedAt), alert_due = \(e.alertDue)
            WHERE id = \(e.id)
            """, logger: logger)
    }

    public func claimDue(at now: Date, owner: String, lease: TimeInterval, limit: Int) async throws -> [EscalationRecord] {
        // One statement, so its own transaction: one round trip, where BEGIN … COMMIT took three. SKIP LOCKED:
        // rows another engine is claiming in this instant are left to it, not waited for.
        try await rows(
            """
            UPDATE escalation SET claim_owner = \(owner), claim_until = \(now.addingTimeInterval(lease))
            WHERE id IN (
                SELECT id FROM escalation
                WHERE ((status = 'open' AND next_deadline <= \(now)) OR alert_due)
                  AND (claim_owner IS NULL OR claim_until <= \(now) OR claim_owner = \(owner))
                ORDER BY next_deadline LIMIT \(Int64(limit))
                FOR UPDATE SKIP LOCKED)
            RETURNING \(unescaped: EscalationRecord.columns)
            """, EscalationRecord.init(row:)
        ).sorted { $0.nextDeadline < $1.nextDeadline }
    }

    public func renewClaim(escalation id: String, owner: String, until: Date) async throws -> Bool {
        try await !rows("UPDATE escalation SET claim_until = \(until) WHERE id = \(id) AND claim_owner = \(owner) RETURNING id") {
            try $0.decode(String.self)
        }.isEmpty
    }

    public func releaseClaim(escalation id: String, owner: String) async throws {
        try await execute("UPDATE escalation SET claim_owner = NULL, claim_until = NULL WHERE id = \(id) AND claim_owner = \(owner)")
    }

    public func nextDeadline(after now: Date, owner: String) async throws -> Date? {
        // Two index reads, not a scan of every open escalation: the next deadline (escalation_open), and the end
        // of the next claim of another engine that outlasts its deadline (escalation_claimed, few rows).
        try await rows(
            """
            SELECT LEAST(
                (SELECT MIN(next_deadline) FROM escalation WHERE status = 'open' AND next_deadline > \(now)),
                (SELECT MIN(claim_until) FROM escalation
                 WHERE claim_owner IS NOT NULL AND claim_owner <> \(owner) AND claim_until > \(now) AND claim_until > next_deadline
                   AND (status = 'open' OR alert_due)))
            """
        ) { try $0.decode(Date?.self) }.first ?? nil
    }

    public func openEscalations() async throws -> [EscalationRecord] {
        try await rows(
            "SELECT \(unescaped: EscalationRecord.columns) FROM escalation WHERE status = 'open' ORDER BY next_deadline", EscalationRecord.init(row:))
    }

    public func openEscalationCounts(now: Date, grace: TimeInterval) async throws -> (open: Int, overdue: Int) {
        let counts = try await rows(
            """
            SELECT COUNT(*), COUNT(*) FILTER (WHERE next_deadline < \(now.addingTimeInterval(-grace)))
            FROM escalation WHERE status = 'open'
            """) { try $0.decode((Int64, Int64).self) }
        return counts.first.map { (Int($0.0), Int($0.1)) } ?? (0, 0)
    }

    public func updateOpenEscalation(
        id: String, audit: AuditEntry?, _ change: @Sendable @escaping (inout EscalationRecord) -> Void
    ) async throws -> EscalationRecord? {
        try await transaction { c -> EscalationRecord? in
            guard var e = try await self.locked(id, on: c), e.status == .open else { return nil }
            change(&e)
            try await self.save(e, on: c)
            if let audit { try await self.audit(audit, on: c) }
            return e
        }
    }

    public func answer(
        _ answer: Acknowledgement, audit: AuditEntry, _ change: @Sendable @escaping (inout EscalationRecord, StepAnswers) -> Void
    ) async throws -> AnswerOutcome {
        let outcome = try await transaction { c -> AnswerOutcome in
            guard var e = try await self.locked(answer.escalationId, on: c) else { return .notFound }
            guard e.status == .open else { return .closed(e) }
            try await c.query(
                """
                INSERT INTO acknowledgement (escalation_id, member, kind, at, via, step_index, round)
                VALUES (\(answer.escalationId), \(answer.member), \(answer.kind.rawValue), \(answer.at), \(answer.via),
                        \(Int64(e.stepIndex)), \(Int64(e.round)))
                """, logger: self.logger)
            try await self.audit(audit, on: c)
            change(&e, try await self.stepAnswers(e, on: c))
            try await self.save(e, on: c)
            try await Self.notify(.escalations, on: c, logger: self.logger)
            return .applied(e)
        }
        if case .applied = outcome { feed.post(.escalations) }
        return outcome
    }

    func stepAnswers(_ e: EscalationRecord, on c: PostgresConnection) async throws -> StepAnswers {
        // Both in one round trip: who was reached at this step, and who declined it.
        let answers = try await rows(
            """
            SELECT DISTINCT true AS delivered, member FROM page
            WHERE escalation_id = \(e.id) AND step_index = \(Int64(e.stepIndex)) AND round = \(Int64(e.round)) AND result = \(PageRecord.delivered)
            UNION ALL
            SELECT DISTINCT false AS delivered, member FROM acknowledgement
            WHERE escalation_id = \(e.id) AND step_index = \(Int64(e.stepIndex)) AND round = \(Int64(e.round)) AND kind = 'decline'
            """, on: c) { try $0.decode((Bool, String).self) }
        return StepAnswers(delivered: Set(answers.filter(\.0).map(\.1)), declined: Set(answers.filter { !$0.0 }.map(\.1)))
    }
}
