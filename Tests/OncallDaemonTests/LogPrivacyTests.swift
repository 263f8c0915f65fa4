// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Logging
import OncallDaemon
import OncallNotifiers
import OncallStore
import RosterModel
import Synchronization
import Testing

/// Logs go to journald and support tickets: they must never carry a phone number or an e-mail address.
struct LogPrivacyTests {
    /// Keeps every log line with its metadata, as text.
    final class RecordingLog: Sendable {
        let lines = Mutex<[String]>([])
        var text: String { lines.withLock { $0.joined(separator: "\n") } }
    }

    struct RecordingHandler: LogHandler {
        let log: RecordingLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            log.lines.withLock { $0.append("\(event.level) \(event.message) \(all)") }
        }
    }

    @Test("failed e-mail and SMS pages, whose servers echo the address, log the channel kind and never the address")
    func failedPagesLogNoAddresses() async throws {
        let smtp = try await SMTPServer(rcptReply: "550 5.1.1 <p3@clinic.example.invalid>: recipient unknown")
        defer { smtp.stop() }
        let gateway = try await WebhookReceiver(status: .badRequest)
        defer { gateway.stop() }
        let dir = try TempDirectory()
        let store = try SQLiteStore(path: dir.file("o.sqlite"))
        let recorded = RecordingLog()
        let logger = Logger(label: "test") { _ in RecordingHandler(log: recorded) }
        let notifier = ChannelRouter(
            email: SMTPNotifier(host: "127.0.0.1", port: smtp.port, from: "oncall@example.invalid"),
            sms: SMSGatewayNotifier(baseURL: gateway.root, account: "AC1", authToken: "tok", from: "+81-50-0000-0000"))
        let clock = ManualClock(Date())
        let engine = EscalationEngine(
            store: store, notifier: notifier, clock: clock, links: AckLinks(baseURL: "http://127.0.0.1", secret: "s"), logger: logger,
            attemptsPerChannel: 1)
        let channels = [Channel(kind: .email, address: "p3@clinic.example.invalid"), Channel(kind: .sms, address: "+81-90-1234-5678")]
        let plan = EscalationPlan(
            steps: [PlanStep(tier: "primary", targets: [PageTarget(member: "p3", channels: channels)])], rounds: 1, ackTimeoutSeconds: 60, admins: [])
        let now = clock.now
        let (e, _) = try await store.createEscalation(
            EscalationRecord(pool: "docs", facility: nil, note: "", urgency: "high", idempotencyKey: nil, plan: plan,
                             nextDeadline: now, createdAt: now, createdBy: "t"),
            audit: AuditEntry(at: now, actor: "t", action: "escalate", subject: "p3"))
        await engine.tick()

        let pages = try await store.pages(escalation: e.id)
        #expect(pages.map(\.channel) == ["email", "sms"], "both channels tried")
        #expect(pages.allSatisfy { $0.result.hasPrefix("failed") })
        #expect(gateway.pages.count == 1, "the SMS gateway was really called")
        let text = recorded.text
        #expect(text.contains("page failed"), "\(text)")
        #expect(!text.contains("@"), "an e-mail address in the logs:\n\(text)")
        #expect(!text.contains("1234-5678") && !text.contains("+81"), "a phone number in the logs:\n\(text)")
    }
}
