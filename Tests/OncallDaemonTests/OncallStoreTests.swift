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
            try await store.save(PageRecord(
                escalationId: created.id, member: "p3", tier: "primary", channel: "webhook", stepIndex: 0, round: 0, attempt: 1,
                sentAt: Date(timeIntervalSince1970: 1_000), result: "delivered"))
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

    /// Writes that arrive together share a commit: each still sees the ones before it, and one that
    /// fails is rolled back alone.
    @Test func concurrentWritesCommitTogetherAndFailAlone() async throws {
        let dir = try TempDirectory()
        let path = dir.file("store.sqlite")
        let store = try OncallStore(path: path)
        let audit = AuditEntry(at: Date(), actor: "admin", action: "escalate", subject: "x")
        let results = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for i in 0..<60 {
                group.addTask {
                    // Twenty keys, three callers each: exactly one of each three creates.
                    let (_, created) = try await store.createEscalation(escalation(key: "k\(i % 20)"), audit: audit)
                    return (i, created)
                }
            }
            var all: [(Int, Bool)] = []
            for try await r in group { all.append(r) }
            return all
        }
        #expect(results.filter(\.1).count == 20)
        let open = try await store.openEscalations()
        #expect(open.count == 20)
        // A page of an escalation that does not exist breaks the foreign key: that write fails, its neighbours commit.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for (i, e) in open.enumerated() {
                group.addTask {
                    let page = PageRecord(
                        escalationId: i == 7 ? "no-such-escalation" : e.id, member: "p1", tier: "primary", channel: "webhook", stepIndex: 0,
                        round: 0, attempt: 1, sentAt: Date(timeIntervalSince1970: 1_000), result: "sending")
                    return (try? await store.save(page)) != nil
                }
            }
            var all: [Bool] = []
            for await ok in group { all.append(ok) }
            return all
        }
        #expect(outcomes.filter { $0 }.count == 19)
        let reopened = try OncallStore(path: path)
        var pages = 0
        for e in open { pages += try await reopened.pages(escalation: e.id).count }
        #expect(pages == 19)
        #expect(try await reopened.auditLog().count == 20)
    }
}
