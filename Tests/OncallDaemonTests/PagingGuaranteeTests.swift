// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import HummingbirdTesting
import OncallDaemon
import OncallNotifiers
import OncallStore
import RosterModel
import Synchronization
import Testing

/// What the engine promises about each page (issue 12): none after an acknowledgement, the same id on a
/// resend, the admins' alert durable, a step that reached nobody passed at once, a decline ending only
/// the decliner's part, a link that tells its holder only what their answer did.
struct PagingGuaranteeTests {
    /// Fails every send; before failing the first one it runs `during` (an acknowledgement arriving mid-send).
    final class FailingNotifier: Notifier {
        let sends = Mutex<[PageMessage]>([])
        let during: @Sendable () async -> Void
        let failing: Set<String>
        init(failing: Set<String>, during: @escaping @Sendable () async -> Void = {}) {
            self.failing = failing
            self.during = during
        }
        var members: [String] { sends.withLock { $0.map(\.member) } }
        func send(_ message: PageMessage, via channel: Channel) async throws {
            let first = sends.withLock { s in
                s.append(message)
                return s.count == 1
            }
            if first { await during() }
            if failing.contains(message.member) { throw NotifierError("receiver down") }
        }
    }

    func webhook(_ member: String) -> PageTarget { PageTarget(member: member, channels: [Channel(kind: .webhook, address: "http://127.0.0.1:9/\(member)")]) }

    func create(_ store: any OncallStore, _ plan: EscalationPlan, at now: Date) async throws -> EscalationRecord {
        try await store.createEscalation(
            EscalationRecord(pool: "docs", facility: nil, note: "転倒 090-1234-5678", urgency: "high", idempotencyKey: nil,
                             plan: plan, nextDeadline: now, createdAt: now, createdBy: "test"),
            audit: AuditEntry(at: now, actor: "test", action: "escalate", subject: "x")).0
    }

    @Test("a retry after a failed attempt is not sent once the escalation is acknowledged")
    func noRetryAfterAnAcknowledgement() async throws {
        let dir = try TempDirectory()
        let store = try SQLiteStore(path: dir.file("o.sqlite"))
        let clock = ManualClock(Date(timeIntervalSince1970: 2_000_000_000))
        let id = Mutex<String>("")
        // The acknowledgement commits while the first attempt is failing, before the retry begins.
        let notifier = FailingNotifier(failing: ["p1"]) {
            let e = id.withLock { $0 }
            _ = try? await store.answer(
                Acknowledgement(escalationId: e, member: "p1", kind: .ack, at: clock.now, via: "token"),
                audit: AuditEntry(at: clock.now, actor: "test", action: "ack", subject: e)) { r, _ in
                EscalationProgress.acknowledged(&r, now: clock.now)
            }
        }
        let engine = EscalationEngine(
            store: store, notifier: notifier, clock: clock, links: AckLinks(baseURL: "http://127.0.0.1", secret: "s"), attemptsPerChannel: 3)
        let plan = EscalationPlan(steps: [PlanStep(tier: "primary", targets: [webhook("p1")])], rounds: 1, ackTimeoutSeconds: 60, admins: [])
        let e = try await create(store, plan, at: clock.now)
        id.withLock { $0 = e.id }
        await engine.tick()
        #expect(notifier.members == ["p1"], "only the attempt that was under way when the acknowledgement came")
        #expect(try await store.pages(escalation: e.id).count == 1)
        #expect(try await store.escalation(id: e.id)?.status == .acknowledged)
    }

    @Test("no attempt can be written once an acknowledgement has committed")
    func theStoreRefusesAPageAfterAnAcknowledgement() async throws {
        let dir = try TempDirectory()
        let store = try SQLiteStore(path: dir.file("o.sqlite"))
        let now = Date()
        let plan = EscalationPlan(steps: [PlanStep(tier: "primary", targets: [webhook("p1")])], rounds: 1, ackTimeoutSeconds: 60, admins: [])
        let e = try await create(store, plan, at: now)
        let gate = PageGate.step(index: 0, round: 0)
        #expect(try await store.beginAttempt(escalation: e.id, gate: gate, owner: "local", pageId: "a", member: "p1", tier: "primary", channel: "webhook", at: now) != nil)
        _ = try await store.answer(
            Acknowledgement(escalationId: e.id, member: "p1", kind: .ack, at: now, via: "token"),
            audit: AuditEntry(at: now, actor: "test", action: "ack", subject: e.id)) { r, _ in EscalationProgress.acknowledged(&r, now: now) }
        #expect(try await store.beginAttempt(escalation: e.id, gate: gate, owner: "local", pageId: "a", member: "p1", tier: "primary", channel: "webhook", at: now) == nil)
        // A later answer to the closed escalation changes nothing and is not recorded as another answer.
        let late = try await store.answer(
            Acknowledgement(escalationId: e.id, member: "p1", kind: .decline, at: now, via: "token"),
            audit: AuditEntry(at: now, actor: "test", action: "decline", subject: e.id)) { r, _ in r.stepIndex += 1 }
        guard case .closed(let closed) = late else { Issue.record("a late decline was applied: \(late)"); return }
        #expect(closed.status == .acknowledged && closed.stepIndex == 0)
        #expect(try await store.acknowledgements(escalation: e.id).count == 1)
    }

    @Test("a page's id is the same on every attempt and for the same page in another daemon; it differs per member, step and round")
    func pageIdsAreDeterministic() async throws {
        let a = PageID.make(escalation: "e1", round: 0, step: 1, member: "p1", channel: .webhook)
        #expect(a == PageID.make(escalation: "e1", round: 0, step: 1, member: "p1", channel: .webhook))
        let others = [
            PageID.make(escalation: "e2", round: 0, step: 1, member: "p1", channel: .webhook),
            PageID.make(escalation: "e1", round: 1, step: 1, member: "p1", channel: .webhook),
            PageID.make(escalation: "e1", round: 0, step: 0, member: "p1", channel: .webhook),
            PageID.make(escalation: "e1", round: 0, step: 1, member: "p2", channel: .webhook),
            PageID.make(escalation: "e1", round: 0, step: 1, member: "p1", channel: .email),
        ]
        #expect(Set(others + [a]).count == 6)

        // Two attempts on one channel carry one page id; a page delivered before a restart is not sent again.
        let dir = try TempDirectory()
        let store = try SQLiteStore(path: dir.file("o.sqlite"))
        let clock = ManualClock(Date(timeIntervalSince1970: 2_000_000_000))
        let flaky = FailingNotifier(failing: ["p1"])
        let engine = EscalationEngine(
            store: store, notifier: flaky, clock: clock, links: AckLinks(baseURL: "http://127.0.0.1", secret: "s"), attemptsPerChannel: 2)
        let plan = EscalationPlan(steps: [PlanStep(tier: "primary", targets: [webhook("p1"), webhook("p2")])], rounds: 1, ackTimeoutSeconds: 60, admins: [])
        let e = try await create(store, plan, at: clock.now)
        await engine.tick()
        let p1 = flaky.sends.withLock { $0.filter { $0.member == "p1" }.map(\.pageId) }
        #expect(p1.count == 2 && Set(p1).count == 1)
        #expect(p1.first == PageID.make(escalation: e.id, round: 0, step: 0, member: "p1", channel: .webhook))
        let stored = try await store.pages(escalation: e.id)
        #expect(Set(stored.map(\.id)).count == 3, "each attempt keeps its own row")
        #expect(Set(stored.filter { $0.member == "p1" }.map(\.pageId)) == Set(p1))
    }

    @Test("after a crash between exhaustion and the admins' alert, the alert is sent when the daemon is back")
    func theAdminsAlertSurvivesACrash() async throws {
        let dir = try TempDirectory()
        let clock = ManualClock(Date(timeIntervalSince1970: 2_000_000_000))
        let plan = EscalationPlan(
            steps: [PlanStep(tier: "primary", targets: [webhook("p1")])], rounds: 1, ackTimeoutSeconds: 60, admins: [webhook("office")])
        let id: String
        do {
            // The engine's own move to exhausted, committed; the process dies before any alert goes out.
            let store = try SQLiteStore(path: dir.file("o.sqlite"))
            var e = try await create(store, plan, at: clock.now)
            id = e.id
            _ = try await store.updateOpenEscalation(id: e.id) { r in EscalationProgress.advance(&r, plan: plan, now: clock.now) }
            e = try #require(try await store.escalation(id: id))
            #expect(e.status == .exhausted && e.alertDue)
        }
        let store = try SQLiteStore(path: dir.file("o.sqlite"))
        let notifier = RecordingNotifier()
        let engine = EscalationEngine(store: store, notifier: notifier, clock: clock, links: AckLinks(baseURL: "http://127.0.0.1", secret: "s"))
        await engine.tick()
        #expect(notifier.members == ["office"])
        #expect(try await store.escalation(id: id)?.alertDue == false)
        clock.advance(by: 3600)
        await engine.tick()
        #expect(notifier.members == ["office"], "sent once")
    }

    @Test("a step whose pages all failed, or whose member has no channel, is passed at once, not waited out")
    func aStepThatReachedNobodyAdvancesAtOnce() async throws {
        let dir = try TempDirectory()
        let store = try SQLiteStore(path: dir.file("o.sqlite"))
        let clock = ManualClock(Date(timeIntervalSince1970: 2_000_000_000))
        let notifier = FailingNotifier(failing: ["p1"])
        let engine = EscalationEngine(
            store: store, notifier: notifier, clock: clock, links: AckLinks(baseURL: "http://127.0.0.1", secret: "s"), attemptsPerChannel: 1)
        let plan = EscalationPlan(
            steps: [
                PlanStep(tier: "primary", targets: [webhook("p1")]),
                PlanStep(tier: "backup", targets: [PageTarget(member: "p2", channels: [])]),
                PlanStep(tier: "hospital", targets: [webhook("h")]),
            ],
            rounds: 1, ackTimeoutSeconds: 300, admins: [])
        let e = try await create(store, plan, at: clock.now)
        await engine.tick()
        // No time has passed: the primary's failed page and the backup without a channel were both passed.
        #expect(notifier.members == ["p1", "h"])
        let now = try #require(try await store.escalation(id: e.id))
        #expect(now.stepIndex == 2 && now.stepPaged && now.status == .open)
        #expect(now.nextDeadline.timeIntervalSince(clock.now) > 299)
    }

    @Test("one doctor's decline ends only their part of a step; the step ends when everyone reached has declined")
    func aPartialDeclineKeepsTheOthersTime() async throws {
        let h = try await Harness(ackTimeout: 300)
        let plan = EscalationPlan(
            steps: [PlanStep(tier: "hospital", targets: [webhook("p1"), webhook("p2")]), PlanStep(tier: "coordinator", targets: [webhook("p5")])],
            rounds: 1, ackTimeoutSeconds: 300, admins: [])
        let e = try await create(h.store, plan, at: h.clock.now)
        try await Application(router: h.api.router()).test(.router) { client in
            await h.engine.tick()
            #expect(Set(h.notifier.members) == ["p1", "p2"])
            let first = try await call(client, .post, "/v1/escalations/\(e.id)/decline", body: #"{"member":"p1"}"#)
            #expect(first.status == .ok)
            await h.engine.tick()
            var now = try #require(try await h.store.escalation(id: e.id))
            #expect(now.stepIndex == 0 && now.stepPaged, "p2 still has the rest of the step's time")
            #expect(!h.notifier.members.contains("p5"))
            _ = try await call(client, .post, "/v1/escalations/\(e.id)/decline", body: #"{"member":"p2"}"#)
            await h.engine.tick()
            now = try #require(try await h.store.escalation(id: e.id))
            #expect(now.stepIndex == 1)
            #expect(h.notifier.members.last == "p5")
        }
    }

    @Test("opening an acknowledge link changes nothing; its POST answers with what the answer did and nothing of the note or plan")
    func theLinkTellsItsHolderOnlyTheirAnswer() async throws {
        let h = try await Harness()
        let plan = EscalationPlan(steps: [PlanStep(tier: "primary", targets: [webhook("p3"), webhook("p4")])], rounds: 1, ackTimeoutSeconds: 60, admins: [])
        let e = try await create(h.store, plan, at: h.clock.now)
        await h.engine.tick()
        let link = try #require(h.notifier.pages.first { $0.member == "p3" }?.ackURL)
        let path = String(link.dropFirst("http://127.0.0.1:8080".count))
        try await Application(router: h.api.router()).test(.router) { client in
            let opened = try await exchange(client, .get, path)
            #expect(opened.status == .ok && opened.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(try await h.store.escalation(id: e.id)?.status == .open, "a GET (a link preview) acknowledges nothing")
            let r = try await exchange(client, .post, path, headers: [.accept: "application/json"])
            #expect(r.status == .ok)
            let json = try jsonObject(r.body)
            #expect(Set(json.keys) == ["escalation", "answer", "status", "recorded"])
            #expect(json["status"] as? String == "acknowledged" && json["recorded"] as? Bool == true)
            for secret in ["転倒", "090-1234-5678", "p4", "plan", "pages"] { #expect(!r.body.contains(secret)) }
            let again = try jsonObject(try await exchange(client, .post, path, headers: [.accept: "application/json"]).body)
            #expect(again["recorded"] as? Bool == false, "a second use changes nothing and says so")
            let page = try await exchange(client, .post, path)
            #expect(page.body.contains("すでに終了"), "the page says so too, in Japanese by default")
        }
        #expect(try await h.store.acknowledgements(escalation: e.id).count == 1)
    }
}
