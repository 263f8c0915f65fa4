// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallDaemon
import OncallNotifiers
import OncallStore
import RosterModel
import Synchronization
import Testing

struct EscalationEngineTests {
    /// Hangs for member "slow" until the test releases it; answers at once for everyone else.
    final class SlowNotifier: Notifier {
        let sent = Mutex<[(String, Date)]>([])
        let released = Mutex(false)
        func send(_ message: PageMessage, via channel: Channel) async throws {
            if message.member == "slow" {
                while !released.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
            }
            sent.withLock { $0.append((message.member, Date())) }
        }
    }

    func create(_ store: any OncallStore, member: String, now: Date) async throws -> EscalationRecord {
        let plan = EscalationPlan(
            steps: [PlanStep(tier: "primary", targets: [PageTarget(member: member, channels: [Channel(kind: .webhook, address: "x")])])],
            rounds: 1, ackTimeoutSeconds: 60, admins: [])
        return try await store.createEscalation(
            EscalationRecord(pool: "docs", facility: nil, note: "", urgency: "high", idempotencyKey: nil, plan: plan,
                             nextDeadline: now, createdAt: now, createdBy: "t"),
            audit: AuditEntry(at: now, actor: "t", action: "escalate", subject: member)).0
    }

    @Test func aSlowChannelHoldsBackNoOtherEscalation() async throws {
        let dir = try TempDirectory()
        let store = try SQLiteStore(path: dir.file("o.sqlite"))
        let notifier = SlowNotifier()
        let engine = EscalationEngine(store: store, notifier: notifier, links: AckLinks(baseURL: "http://127.0.0.1", secret: "s"))
        let running = Task { try await engine.run() }
        _ = try await create(store, member: "slow", now: Date())
        try await Task.sleep(for: .milliseconds(100))
        _ = try await create(store, member: "fast", now: Date())
        engine.wake()
        var fastAt: Date?
        // Timing is not judged here: the tests share two cores, so only the order is reliable.
        for _ in 0..<1500 where fastAt == nil {
            fastAt = notifier.sent.withLock { $0.first { $0.0 == "fast" }?.1 }
            if fastAt == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let beforeRelease = notifier.sent.withLock { $0.map(\.0) }
        notifier.released.withLock { $0 = true }
        // Stop the engine before the store's directory goes away.
        running.cancel()
        _ = await running.result
        #expect(fastAt != nil, "the fast member was never paged while the slow channel hung")
        #expect(beforeRelease == ["fast"])
    }

    @Test func exhaustedChainAlertsTheAdmins() async throws {
        let dir = try TempDirectory()
        let store = try SQLiteStore(path: dir.file("o.sqlite"))
        let notifier = RecordingNotifier()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_000_000))
        let engine = EscalationEngine(store: store, notifier: notifier, clock: clock, links: AckLinks(baseURL: "http://127.0.0.1", secret: "s"))
        let plan = EscalationPlan(
            steps: [PlanStep(tier: "primary", targets: [PageTarget(member: "p1", channels: [Channel(kind: .webhook, address: "x")])])],
            rounds: 2, ackTimeoutSeconds: 60, admins: [PageTarget(member: "office", channels: [Channel(kind: .webhook, address: "y")])])
        let (e, _) = try await store.createEscalation(
            EscalationRecord(pool: "docs", facility: nil, note: "", urgency: "high", idempotencyKey: nil, plan: plan,
                             nextDeadline: clock.now, createdAt: clock.now, createdBy: "t"),
            audit: AuditEntry(at: clock.now, actor: "t", action: "escalate", subject: "x"))
        await engine.tick()
        clock.advance(by: 60)
        await engine.tick()
        #expect(notifier.members == ["p1", "p1"], "the chain repeats for the second round")
        clock.advance(by: 60)
        await engine.tick()
        #expect(notifier.members == ["p1", "p1", "office"])
        #expect(try await store.escalation(id: e.id)?.status == .exhausted)
        clock.advance(by: 600)
        await engine.tick()
        #expect(notifier.members.count == 3)
    }
}
