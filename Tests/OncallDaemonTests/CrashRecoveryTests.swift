// SPDX-License-Identifier: GPL-3.0-or-later
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OncallCalendar
import OncallDaemon
import OncallNotifiers
import Testing

/// The heart of the issue: `kill -9` mid-escalation loses no step.
@Suite(.serialized)
struct CrashRecoveryTests {
    let token = "crash-test-admin"

    func request(_ base: String, _ method: HTTPMethod, _ path: String, body: String? = nil, contentType: String = "application/json")
        async throws -> (Int, String)
    {
        var r = HTTPClientRequest(url: base + path)
        r.method = method
        r.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            r.headers.add(name: "Content-Type", value: contentType)
            r.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(r, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    /// This month and the next in Tokyo, so "now" is covered even at a month's end.
    func months() -> [YearMonth] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let c = calendar.dateComponents([.year, .month], from: Date())
        let month = YearMonth(year: c.year!, month: c.month!)!
        return [month.previous, month, month.next]
    }

    /// `serve`'s arguments for the test network (pages to `webhook`) and a config, in `dir`.
    func daemonArguments(_ dir: TempDirectory, webhook: String, config: String, ackTimeout: Double) throws -> [String] {
        try daemonNetworkYAML(webhook: webhook).write(toFile: dir.file("network.yaml"), atomically: true, encoding: .utf8)
        try config.write(toFile: dir.file("daemon.yaml"), atomically: true, encoding: .utf8)
        return ["--network", dir.file("network.yaml"), "--db", dir.file("oncall.sqlite"), "--config", dir.file("daemon.yaml"),
                "--ack-timeout", "\(ackTimeout)"]
    }

    /// Publishes last, this and next month, so "now" is covered.
    func publishAroundNow(_ daemon: DaemonProcess) async throws {
        for month in months() {
            let (status, body) = try await request(daemon.baseURL, .PUT, "/v1/rosters/\(month)", body: validRosterCSV(month), contentType: "text/csv")
            #expect(status == 200, "\(body)")
        }
    }

    @Test func killNineMidEscalationThenTheBackupIsPagedOnTime() async throws {
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        let dir = try TempDirectory()
        let arguments = try daemonArguments(dir, webhook: receiver.url, config: "webhook: {secret: crash-secret}\npolicy: {rounds: 1}\n", ackTimeout: 2)
        let environment = ["ONCALL_ADMIN_TOKEN": token]
        var daemon = try await DaemonProcess(arguments: arguments, environment: environment)
        defer { daemon.terminate() }
        try await publishAroundNow(daemon)
        let who = json(try await request(daemon.baseURL, .GET, "/v1/oncall?pool=docs").1)
        let primary = try #require((who["primary"] as? [[String: Any]])?.first?["member"] as? String)
        let backup = try #require((who["backup"] as? [[String: Any]])?.first?["member"] as? String)

        let (created, createdBody) = try await request(
            daemon.baseURL, .POST, "/v1/escalations", body: #"{"pool":"docs","note":"no answer","idempotency_key":"crash-1"}"#)
        #expect(created == 201)
        let id = try #require(json(createdBody)["id"] as? String)

        // The primary's page arrives and its step is committed; then the process dies without warning.
        #expect(await receiver.wait(timeout: 5) { $0.contains { $0.member == primary } })
        let primaryPagedAt = try #require(receiver.pages.first { $0.member == primary }?.at)
        var paged = false
        var deadlineText = ""
        for _ in 0..<300 where !paged {
            let view = json(try await request(daemon.baseURL, .GET, "/v1/escalations/\(id)").1)
            paged = view["paged"] as? Bool ?? false
            deadlineText = view["next_deadline"] as? String ?? ""
            if !paged { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(paged)
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let deadline = try #require(fractional.date(from: deadlineText), "next_deadline \(deadlineText)")
        daemon.kill9()

        daemon = try await DaemonProcess(arguments: arguments, environment: environment)
        let readyAt = Date()
        // The stored deadline is the primary's step time + 2 s; the backup must come within a second of it,
        // or, when the restart itself outlasted the deadline (a loaded CI machine), within a second of the restart.
        #expect(await receiver.wait(timeout: 8) { $0.contains { $0.member == backup } }, "\(daemon.log)")
        let backupArrivedAt = try #require(receiver.pages.first { $0.member == backup }?.at)
        // On time is judged by the daemon's own record of when it sent the page: the receiver runs in
        // this test process, which shares two cores with every other suite and may read late.
        let view = json(try await request(daemon.baseURL, .GET, "/v1/escalations/\(id)").1)
        let backupPage = try #require((view["pages"] as? [[String: Any]])?.first { $0["member"] as? String == backup })
        let backupSentAt = try #require((backupPage["sent_at"] as? String).flatMap(fractional.date(from:)))
        let due = max(deadline, readyAt)
        #expect(backupSentAt >= deadline.addingTimeInterval(-0.05), "backup paged before the stored deadline")
        #expect(backupSentAt.timeIntervalSince(due) <= 1.0, """
            backup sent \(backupSentAt.timeIntervalSince(primaryPagedAt)) s after the primary's page arrived; \
            deadline \(deadline.timeIntervalSince(primaryPagedAt)) s, restart ready \(readyAt.timeIntervalSince(primaryPagedAt)) s
            """)
        #expect(backupArrivedAt.timeIntervalSince(due) <= 3.0, "the backup's page arrived \(backupArrivedAt.timeIntervalSince(due)) s late")
        #expect(receiver.pages.filter { $0.member == primary }.count == 1)

        // The same idempotency key after the restart: the same escalation, nobody paged again.
        let (again, againBody) = try await request(
            daemon.baseURL, .POST, "/v1/escalations", body: #"{"pool":"docs","note":"no answer","idempotency_key":"crash-1"}"#)
        #expect(again == 200 && json(againBody)["id"] as? String == id)

        let (acked, _) = try await request(daemon.baseURL, .POST, "/v1/escalations/\(id)/ack", body: #"{"member":"\#(backup)"}"#)
        #expect(acked == 200)
        // Killed again after the ack, restarted, and past every deadline: an acknowledged escalation is never paged again.
        daemon.kill9()
        let count = receiver.pages.count
        daemon = try await DaemonProcess(arguments: arguments, environment: environment)
        try await Task.sleep(for: .seconds(2.5))
        #expect(receiver.pages.count == count)
        #expect(json(try await request(daemon.baseURL, .GET, "/v1/escalations/\(id)").1)["status"] as? String == "acknowledged")
        for page in receiver.pages {
            #expect(page.signature == WebhookNotifier.signature(of: page.body, secret: "crash-secret"))
        }
    }
}
