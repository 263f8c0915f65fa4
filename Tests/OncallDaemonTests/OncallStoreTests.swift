// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import Testing

struct OncallStoreTests {
    func escalation(key: String?, deadline: Date = Date(timeIntervalSince1970: 1_000)) -> EscalationRecord {
        EscalationRecord(
            pool: "docs", facility: "c1", note: "patient short of breath", urgency: "high", idempotencyKey: key, plan: "{}",
            nextDeadline: deadline, createdAt: Date(timeIntervalSince1970: 900), createdBy: "admin")
    }

    @Test func escalationsSurviveReopeningTheFile() async throws {
        let dir = try TempDirectory()
        let path = dir.file("store.sqlite")
        let created: EscalationRecord
        do {
            let store = try OncallStore(path: path)
            (created, _) = try await store.createEscalation(escalation(key: "k1"), audit: AuditEntry(at: Date(), actor: "admin", action: "escalate", subject: "x"))
            let page = try #require(try await store.beginAttempt(
                escalation: created.id, gate: .step(index: 0, round: 0), pageId: "pg", member: "p3", tier: "primary", channel: "webhook",
                at: Date(timeIntervalSince1970: 1_000)))
            try await store.finishAttempt(page, result: "delivered")
        }
        let reopened = try OncallStore(path: path)
        #expect(try await reopened.openEscalations() == [created])
        #expect(try await reopened.openEscalationCount() == 1)
        #expect(try await reopened.pages(escalation: created.id).map(\.result) == ["delivered"])
        #expect(try await reopened.auditLog().map(\.action) == ["escalate"])
        #expect(try await reopened.dueEscalations(at: Date(timeIntervalSince1970: 999)).isEmpty)
        #expect(try await reopened.dueEscalations(at: Date(timeIntervalSince1970: 1_000)).map(\.id) == [created.id])
    }

    @Test func theSameIdempotencyKeyReturnsTheFirstEscalation() async throws {
        let dir = try TempDirectory()
        let store = try OncallStore(path: dir.file("store.sqlite"))
        let audit = AuditEntry(at: Date(), actor: "admin", action: "escalate", subject: "x")
        let (first, created1) = try await store.createEscalation(escalation(key: "same"), audit: audit)
        let (second, created2) = try await store.createEscalation(escalation(key: "same"), audit: audit)
        #expect(created1 && !created2)
        #expect(first.id == second.id)
        #expect(try await store.openEscalations().count == 1)
    }

    @Test func publishedRosterAndOverridesRoundTrip() async throws {
        let dir = try TempDirectory()
        let store = try OncallStore(path: dir.file("store.sqlite"))
        let audit = AuditEntry(at: Date(), actor: "admin", action: "publish", subject: "2026-12")
        let roster = PublishedRoster(month: "2026-12", payload: "date,shift,pool,tier,member\n", publishedAt: Date(timeIntervalSince1970: 5), publishedBy: "admin")
        try await store.publish(roster, audit: audit)
        #expect(try await store.publishedRoster(month: "2026-12") == roster)
        let o = RosterOverride(pool: "docs", date: "2026-12-05", shift: "night", tier: "primary", member: "p1", replaces: "p3",
                               createdAt: Date(timeIntervalSince1970: 6), createdBy: "admin")
        try await store.insert(o, audit: audit)
        #expect(try await store.activeOverrides() == [o])
        #expect(try await store.revokeOverride(id: o.id, at: Date(), audit: audit))
        #expect(try await store.activeOverrides().isEmpty)
        #expect(try await !store.revokeOverride(id: o.id, at: Date(), audit: audit))
    }
}
