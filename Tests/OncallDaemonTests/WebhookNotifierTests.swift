// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import NIOCore
import OncallDaemon
import OncallNotifiers
import OncallStore
import RosterModel
import Testing

struct WebhookNotifierTests {
    @Test func pageArrivesSignedAtARealReceiver() async throws {
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        let notifier = WebhookNotifier(secret: "hook-secret")
        let message = PageMessage(
            pageId: "pg1", escalationId: "e1", member: "p3", tier: "primary", pool: "docs", note: "falls", urgency: "high",
            ackURL: "http://x/ack", declineURL: "http://x/decline")
        try await notifier.send(message, via: Channel(kind: .webhook, address: receiver.url + "/p3"))
        let page = try #require(receiver.pages.first)
        #expect(page.path == "/hook/p3")
        #expect(page.signature == WebhookNotifier.signature(of: page.body, secret: "hook-secret"))
        #expect(page.signature != WebhookNotifier.signature(of: page.body, secret: "other"))
        let json = try #require(try JSONSerialization.jsonObject(with: page.body) as? [String: Any])
        for key in ["escalation_id", "member", "tier", "pool", "note", "ack_url", "decline_url", "page_id"] {
            #expect(json[key] != nil, "missing \(key)")
        }
    }

    /// RFC 4231, test case 2: the signature is the plain lower-case hex of HMAC-SHA256.
    @Test func signatureIsTheHexOfHMACSHA256() {
        #expect(
            WebhookNotifier.signature(of: Data("what do ya want for nothing?".utf8), secret: "Jefe")
                == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func failingReceiverThrowsSoTheEngineFallsBack() async throws {
        let receiver = try await WebhookReceiver(status: .internalServerError)
        defer { receiver.stop() }
        let message = PageMessage(
            pageId: "pg1", escalationId: "e1", member: "p3", tier: "primary", pool: "docs", note: "", urgency: "high", ackURL: "", declineURL: "")
        await #expect(throws: NotifierError.self) {
            try await WebhookNotifier(secret: "s").send(message, via: Channel(kind: .webhook, address: receiver.url + "/p3"))
        }
    }

    @Test func engineRecordsEveryAttemptAndFallsBackToTheNextChannel() async throws {
        let dir = try TempDirectory()
        let store = try SQLiteStore(path: dir.file("o.sqlite"))
        let good = try await WebhookReceiver()
        let bad = try await WebhookReceiver(status: .serviceUnavailable)
        defer { good.stop(); bad.stop() }
        let clock = ManualClock(Date())
        let engine = EscalationEngine(
            store: store, notifier: ChannelRouter(webhook: WebhookNotifier(secret: "s")), clock: clock,
            links: AckLinks(baseURL: "http://127.0.0.1", secret: "l"), attemptsPerChannel: 2)
        let plan = EscalationPlan(
            steps: [PlanStep(tier: "primary", targets: [PageTarget(member: "p3", channels: [
                Channel(kind: .webhook, address: bad.url + "/p3"), Channel(kind: .sms, address: "+81-90-0000-0000"),
                Channel(kind: .webhook, address: good.url + "/p3"),
            ])])],
            rounds: 1, ackTimeoutSeconds: 60, admins: [])
        let (e, _) = try await store.createEscalation(
            EscalationRecord(pool: "docs", facility: nil, note: "", urgency: "high", idempotencyKey: nil, plan: plan,
                             nextDeadline: clock.now, createdAt: clock.now, createdBy: "t"),
            audit: AuditEntry(at: clock.now, actor: "t", action: "escalate", subject: "x"))
        await engine.tick()
        let results = try await store.pages(escalation: e.id).sorted { $0.attempt < $1.attempt }.map(\.result)
        #expect(results.count == 5)
        #expect(results.last == "delivered")
        #expect(results.dropLast().allSatisfy { $0.hasPrefix("failed") })
        #expect(bad.pages.count == 2 && good.pages.count == 1)
        #expect(try await store.escalation(id: e.id)?.stepPaged == true)
    }

    @Test("a burst of 120 pages to one receiver that answers in 0.5 s is delivered, every page at the first try")
    func aBurstToOneSlowReceiverIsDeliveredFirstTry() async throws {
        let receiver = try await WebhookReceiver(delay: .milliseconds(500))
        defer { receiver.stop() }
        let notifier = WebhookNotifier(secret: "burst", timeout: .seconds(5))
        let failures = await withTaskGroup(of: Bool.self) { group in
            for n in 0..<120 {
                group.addTask {
                    let message = PageMessage(
                        pageId: "burst-\(n)", escalationId: "e\(n)", member: "m\(n)", tier: "primary", pool: "docs", note: "", urgency: "high",
                        ackURL: "", declineURL: "")
                    do {
                        try await notifier.send(message, via: Channel(kind: .webhook, address: receiver.url + "/m\(n)"))
                        return false
                    } catch {
                        return true
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(failures == 0)
        #expect(receiver.pages.count == 120)
    }
}
