// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import Logging
import OncallDaemon
import OncallNotifiers
import OncallStore
import RosterModel
import ServiceLifecycle
import Synchronization
import Testing

/// The engine's real `run()` loop, inside a `ServiceGroup` as the daemon runs it, on a clock the test moves:
/// what wakes it, how long it sleeps, and what a graceful shutdown lets finish. (`EscalationEngineTests` drive
/// `tick()` instead, which bypasses the loop.)
struct EngineRunTests {
    static let start = instant("2026-12-06T02:00:00+09:00")
    /// The engine's default lease, whose renewal sleeps a third of it while a claimed escalation is handled.
    static let lease = 10.0

    /// What happened, in order, across the notifier and the service group.
    final class Events: Sendable {
        private let list = Mutex<[String]>([])
        func note(_ event: String) { list.withLock { $0.append(event) } }
        var all: [String] { list.withLock { $0 } }
    }

    /// Holds every page to `member` until the test lets it go, as a receiver that is slow to answer would;
    /// pages to anyone else go at once. It honours cancellation, so a broken shutdown fails instead of hanging.
    final class HeldNotifier: Notifier {
        let member: String
        let events: Events
        private let released = Mutex(false)
        private let sent = Mutex<[String]>([])
        var members: [String] { sent.withLock { $0 } }

        init(holding member: String, events: Events) {
            self.member = member
            self.events = events
        }

        func release() { released.withLock { $0 = true } }

        func send(_ message: PageMessage, via channel: Channel) async throws {
            if message.member == member {
                events.note("send began")
                while !released.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(2)) }
                events.note("send finished")
            }
            sent.withLock { $0.append(message.member) }
        }
    }

    /// Set once, read from any thread (a GRDB writer's queue too).
    final class Flag: Sendable {
        private let raised = Mutex(false)
        func raise() { raised.withLock { $0 = true } }
        var isRaised: Bool { raised.withLock { $0 } }
    }

    /// A store and an engine on a `TestClock`, the engine running in a service group.
    final class Rig: Sendable {
        let dir: TempDirectory
        let store: SQLiteStore
        let clock: TestClock
        let engine: EscalationEngine
        let group: ServiceGroup
        let running: Task<Void, any Error>

        init(notifier: any Notifier, maximumSleep: Double, events: Events = Events(), logger: Logger = Logger(label: "oncall.engine")) throws {
            let dir = try TempDirectory()
            let store = try SQLiteStore(path: dir.file("oncall.sqlite"))
            let clock = TestClock(EngineRunTests.start)
            let engine = EscalationEngine(
                store: store, notifier: notifier, clock: clock, links: AckLinks(baseURL: "http://127.0.0.1", secret: "s"), logger: logger,
                maximumSleep: maximumSleep, attemptsPerChannel: 1, lease: EngineRunTests.lease)
            let group = ServiceGroup(services: [engine], logger: Logger(label: "test.group", factory: { _ in SwiftLogNoOpLogHandler() }))
            self.dir = dir
            self.store = store
            self.clock = clock
            self.engine = engine
            self.group = group
            running = Task { [group] in
                defer { events.note("run returned") }
                try await group.run()
            }
        }

        /// An escalation due in `dueIn` seconds whose chain is `members`, one step each, each waiting `ackTimeout` for an answer.
        func escalate(_ members: [String], ackTimeout: Double = 300, dueIn: Double = 0) async throws -> EscalationRecord {
            let tiers = ["primary", "backup", "hospital"]
            let plan = EscalationPlan(
                steps: members.enumerated().map { i, m in
                    PlanStep(tier: tiers[min(i, tiers.count - 1)], targets: [PageTarget(member: m, channels: [Channel(kind: .webhook, address: "x")])])
                },
                rounds: 1, ackTimeoutSeconds: ackTimeout, admins: [])
            let now = clock.now
            return try await store.createEscalation(
                EscalationRecord(pool: "docs", facility: nil, note: "", urgency: "high", idempotencyKey: nil, plan: plan,
                                 nextDeadline: now.addingTimeInterval(dueIn), createdAt: now, createdBy: "test"),
                audit: AuditEntry(at: now, actor: "test", action: "escalate", subject: members.joined(separator: ","))).0
        }

        /// Runs `body`, then shuts the engine down gracefully; when `body` fails, cancels it instead, since a
        /// send it left held would keep a graceful shutdown waiting.
        static func with(
            _ notifier: any Notifier, maximumSleep: Double = 3600, _ body: (Rig) async throws -> Void
        ) async throws {
            let rig = try Rig(notifier: notifier, maximumSleep: maximumSleep)
            do {
                try await body(rig)
            } catch {
                rig.running.cancel()
                _ = await rig.running.result
                throw error
            }
            await rig.group.triggerGracefulShutdown()
            try await rig.running.value
        }
    }

    @Test("a stored escalation is paged at once, woken by the store's change; the backup only once the ack deadline has passed")
    func pagesAtOnceAndTheBackupAtTheDeadline() async throws {
        let notifier = RecordingNotifier()
        try await Rig.with(notifier) { rig in
            try await rig.clock.waitUntilSettled(sleepers: 1)
            _ = try await rig.escalate(["p1", "p2"])
            try await waitUntil("the primary's page, with the clock standing still") { notifier.members == ["p1"] }
            #expect(rig.clock.now == Self.start)
            // Asleep until the primary's deadline, and nothing else in flight.
            try await waitUntil("a sleep until the deadline (asked for \(rig.clock.pendingSleeps))") { rig.clock.pendingSleeps == [300] }

            rig.clock.advance(by: 299)
            try await rig.clock.waitUntilSettled(sleepers: 1)
            #expect(notifier.members == ["p1"], "the backup is not paged a second before the primary's time is up")

            rig.clock.advance(by: 2)
            try await waitUntil("the backup's page (paged \(notifier.members))") { notifier.members == ["p1", "p2"] }
            #expect(notifier.pages.map(\.tier) == ["primary", "backup"])
        }
    }

    @Test("an acknowledgement stops the chain: time far past every later deadline pages no one else")
    func anAcknowledgementStopsTheChain() async throws {
        let notifier = RecordingNotifier()
        try await Rig.with(notifier) { rig in
            try await rig.clock.waitUntilSettled(sleepers: 1)
            let e = try await rig.escalate(["p1", "p2", "h"])
            try await waitUntil("the primary's page and the sleep until its deadline") {
                notifier.members == ["p1"] && rig.clock.pendingSleeps == [300]
            }
            rig.clock.advance(by: 30)
            let now = rig.clock.now
            let outcome = try await rig.store.answer(
                Acknowledgement(escalationId: e.id, member: "p1", kind: .ack, at: now, via: "token"),
                audit: AuditEntry(at: now, actor: "p1", action: "ack", subject: e.id)) { r, _ in EscalationProgress.acknowledged(&r, now: now) }
            guard case .applied = outcome else {
                Issue.record("the acknowledgement was not applied: \(outcome)")
                return
            }
            // Woken by the acknowledgement, the engine finds no deadline left and sleeps its longest.
            try await waitUntil("the longest sleep after the acknowledgement (asked for \(rig.clock.pendingSleeps))") {
                rig.clock.pendingSleeps == [3600]
            }
            for step in [271.0, 300, 300, 3600, 3600, 86_400] {
                rig.clock.advance(by: step)
                try await rig.clock.waitUntilSettled(sleepers: 1)
            }
            #expect(notifier.members == ["p1"])
            #expect(try await rig.store.escalation(id: e.id)?.status == .acknowledged)
        }
    }

    @Test("the loop sleeps until the next stored deadline, at most its maximum: it does not poll")
    func theLoopSleepsUntilTheNextDeadline() async throws {
        let notifier = RecordingNotifier()
        try await Rig.with(notifier, maximumSleep: 3600) { rig in
            try await rig.clock.waitUntilSettled(sleepers: 1)
            #expect(rig.clock.pendingSleeps == [3600], "with nothing stored, the loop sleeps its maximum")
            _ = try await rig.escalate(["p1", "p2"])
            try await waitUntil("a sleep until the deadline (asked for \(rig.clock.pendingSleeps))") { rig.clock.pendingSleeps == [300] }
            // Woken early, it measures from the stored deadline, not from its last sleep; and that sleep's timer is gone.
            rig.clock.advance(by: 100)
            rig.engine.wake()
            try await waitUntil("a sleep for the rest of the wait (asked for \(rig.clock.pendingSleeps))") { rig.clock.pendingSleeps == [200] }
            #expect(notifier.members == ["p1"])
        }
        let shortNotifier = RecordingNotifier()
        try await Rig.with(shortNotifier, maximumSleep: 120) { rig in
            try await rig.clock.waitUntilSettled(sleepers: 1)
            #expect(rig.clock.pendingSleeps == [120])
            let e = try await rig.escalate(["p1", "p2"])
            try await waitUntil("the primary's step recorded as paged") { try await rig.store.escalation(id: e.id)?.stepPaged == true }
            try await rig.clock.waitUntilSettled(sleepers: 1)
            #expect(shortNotifier.members == ["p1"])
            #expect(rig.clock.pendingSleeps == [120])
            // 300 s to the deadline: the maximum, the maximum again, then the 60 s left.
            for (step, sleep) in [(120.0, 120.0), (120, 60)] {
                rig.clock.advance(by: step)
                try await waitUntil("a sleep of \(sleep) s (asked for \(rig.clock.pendingSleeps))") { rig.clock.pendingSleeps == [sleep] }
                #expect(shortNotifier.members == ["p1"])
            }
            rig.clock.advance(by: 60)
            try await waitUntil("the backup's page at the deadline") { shortNotifier.members == ["p1", "p2"] }
        }
    }

    @Test("graceful shutdown with a send in flight: run() waits for it, it is recorded delivered, and nothing new is claimed")
    func gracefulShutdownLetsTheSendInFlightFinish() async throws {
        let events = Events()
        let notifier = HeldNotifier(holding: "p1", events: events)
        let rig = try Rig(notifier: notifier, maximumSleep: 3600, events: events)
        do {
            try await rig.clock.waitUntilSettled(sleepers: 1)
            let held = try await rig.escalate(["p1", "p2"])
            try await waitUntil("the held send to begin") { events.all == ["send began"] }
            // The loop asleep, and the held escalation's claim renewal asleep beside it.
            try await rig.clock.waitUntilSettled(sleepers: 2)
            #expect(rig.clock.pendingSleeps == [Self.lease / 3, 3600])

            await rig.group.triggerGracefulShutdown()
            // The loop has left: only the renewal still sleeps, while the send is held.
            try await rig.clock.waitForSleepers(1)
            let after = try await rig.escalate(["p3"])
            try await Task.sleep(for: .milliseconds(300))
            #expect(events.all == ["send began"], "run() returned, or the send ended, while the send was still held")
            #expect(try await rig.store.pages(escalation: held.id).map(\.result) == [PageRecord.sending])

            notifier.release()
            try await waitUntil("run() to return") { events.all.contains("run returned") }
            try await rig.running.value
            #expect(events.all == ["send began", "send finished", "run returned"])
            #expect(try await rig.store.pages(escalation: held.id).map(\.result) == [PageRecord.delivered])
            #expect(try await rig.store.escalation(id: held.id)?.stepPaged == true, "the step's end is recorded too")
            #expect(notifier.members == ["p1"])
            #expect(try await rig.store.pages(escalation: after.id).isEmpty)
            let free = try await rig.store.claimDue(at: rig.clock.now, owner: "another engine", lease: 10, limit: 10).map(\.id)
            #expect(free.contains(after.id), "the escalation stored after shutdown began was claimed by the stopping engine")
            #expect(free.contains(held.id) == false, "the held escalation is paged and waits for its deadline")
        } catch {
            notifier.release()
            rig.running.cancel()
            _ = await rig.running.result
            throw error
        }
    }

    @Test("a shutdown that begins while a claim is under way starts no page: the claim is handed back for the next engine")
    func shutdownDuringAClaimStartsNoPage() async throws {
        let notifier = RecordingNotifier()
        let log = LogPrivacyTests.RecordingLog()
        let rig = try Rig(notifier: notifier, maximumSleep: 3600, logger: Logger(label: "test") { _ in LogPrivacyTests.RecordingHandler(log: log) })
        let holding = Flag()
        let letGo = Flag()
        do {
            try await rig.clock.waitUntilSettled(sleepers: 1)
            let e = try await rig.escalate(["p1"], dueIn: 60)
            try await waitUntil("a sleep until it is due (asked for \(rig.clock.pendingSleeps))") { rig.clock.pendingSleeps == [60] }
            // The store's only writer busy elsewhere (a slow disk, a long transaction): the engine's claim waits for it.
            let hold = Task.detached { [writer = rig.store.writer] in
                try await writer.write { _ in
                    holding.raise()
                    while !letGo.isRaised { usleep(1_000) }
                }
            }
            try await waitUntil("the writer held") { holding.isRaised }
            rig.clock.advance(by: 60)
            // Time for the woken loop to pass its check for shutdown and ask for the claim.
            try await Task.sleep(for: .milliseconds(200))
            await rig.group.triggerGracefulShutdown()
            try await waitUntil("the engine to say it is stopping") { log.text.contains("escalation engine stopping") }
            letGo.raise()
            try await hold.value
            try await rig.running.value
            #expect(notifier.members.isEmpty, "a page was started after shutdown began")
            #expect(try await rig.store.pages(escalation: e.id).isEmpty)
            let free = try await rig.store.claimDue(at: rig.clock.now, owner: "another engine", lease: 10, limit: 10).map(\.id)
            #expect(free == [e.id], "the claim is handed back, not held until its lease runs out")
        } catch {
            letGo.raise()
            rig.running.cancel()
            _ = await rig.running.result
            throw error
        }
    }
}
