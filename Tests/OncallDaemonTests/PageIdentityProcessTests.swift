// SPDX-License-Identifier: GPL-3.0-or-later
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OncallCalendar
import Testing

/// The real daemon process stopped in the middle of a send (issue 12): a SIGTERM lets the send finish, a
/// kill -9 leads to at most one resend with the same page id; and a heavy upload does not hold back a page.
extension CrashRecoveryTests {
    func escalate(_ daemon: DaemonProcess, note: String) async throws -> String {
        let (created, body) = try await request(daemon.baseURL, .POST, "/v1/escalations", body: #"{"pool":"docs","note":"\#(note)"}"#)
        #expect(created == 201, "\(body)")
        return try #require(json(body)["id"] as? String)
    }

    @Test("SIGTERM while a page is being sent: the send finishes, the daemon exits 0, and the page is not sent again after a restart")
    func sigtermLetsASendInFlightFinish() async throws {
        let receiver = try await WebhookReceiver(delay: .seconds(1.5))
        defer { receiver.stop() }
        let dir = try TempDirectory()
        let arguments = try daemonArguments(dir, webhook: receiver.url, config: "webhook: {secret: s1}\npolicy: {rounds: 1}\n", ackTimeout: 300)
        let environment = ["ONCALL_ADMIN_TOKEN": token]
        var daemon = try await DaemonProcess(arguments: arguments, environment: environment)
        defer { daemon.terminate() }
        try await publishAroundNow(daemon)
        let id = try await escalate(daemon, note: "term mid-send")
        #expect(await receiver.wait(timeout: 5) { !$0.isEmpty })
        // The receiver holds its answer for 1.5 s: the daemon is mid-send now.
        let status = await daemon.sigterm(timeout: 15)
        #expect(status == 0, "exit status \(String(describing: status))\n\(daemon.log)")

        daemon = try await DaemonProcess(arguments: arguments, environment: environment)
        try await Task.sleep(for: .seconds(2.5))
        let view = json(try await request(daemon.baseURL, .GET, "/v1/escalations/\(id)").1)
        let pages = try #require(view["pages"] as? [[String: Any]])
        #expect(pages.map { $0["result"] as? String } == ["delivered"], "\(pages)")
        #expect(receiver.pages.count == 1, "sent once: \(receiver.pages.map(\.pageId))")
    }

    @Test("kill -9 while a page is being sent: after the restart it is sent once more, with the same page id")
    func killNineMidSendResendsTheSamePageId() async throws {
        let receiver = try await WebhookReceiver(delay: .seconds(3))
        defer { receiver.stop() }
        let dir = try TempDirectory()
        let arguments = try daemonArguments(dir, webhook: receiver.url, config: "webhook: {secret: s2}\npolicy: {rounds: 1}\n", ackTimeout: 300)
        let environment = ["ONCALL_ADMIN_TOKEN": token]
        var daemon = try await DaemonProcess(arguments: arguments, environment: environment)
        defer { daemon.terminate() }
        try await publishAroundNow(daemon)
        _ = try await escalate(daemon, note: "kill mid-send")
        #expect(await receiver.wait(timeout: 5) { !$0.isEmpty })
        daemon.kill9()
        daemon = try await DaemonProcess(arguments: arguments, environment: environment)
        #expect(await receiver.wait(timeout: 8) { $0.count >= 2 }, "the unrecorded send is repeated\n\(daemon.log)")
        try await Task.sleep(for: .seconds(1))
        let ids = receiver.pages.compactMap(\.pageId)
        #expect(ids.count == 2, "\(ids)")
        #expect(Set(ids).count == 1, "a resend carries the page id the receiver already saw: \(ids)")
    }

    @Test("three parallel uploads of a 1.7 MB roster with a shuffled header do not delay a due backup page")
    func heavyUploadsDoNotDelayAPage() async throws {
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        let dir = try TempDirectory()
        let arguments = try daemonArguments(dir, webhook: receiver.url, config: "webhook: {secret: s3}\npolicy: {rounds: 1}\n", ackTimeout: 2)
        let daemon = try await DaemonProcess(arguments: arguments, environment: ["ONCALL_ADMIN_TOKEN": token])
        defer { daemon.terminate() }
        try await publishAroundNow(daemon)
        let id = try await escalate(daemon, note: "upload race")
        #expect(await receiver.wait(timeout: 5) { !$0.isEmpty })
        var view: [String: Any] = [:]
        for _ in 0..<300 where view["paged"] as? Bool != true {
            view = json(try await request(daemon.baseURL, .GET, "/v1/escalations/\(id)").1)
            if view["paged"] as? Bool != true { try await Task.sleep(for: .milliseconds(10)) }
        }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let deadline = try #require((view["next_deadline"] as? String).flatMap(fractional.date(from:)))

        // Every row's columns in the wrong order: each row is an error with a "did you mean".
        let month = months()[1]
        var text = "member,tier,pool,shift,date\n"
        while text.utf8.count < 1_700_000 {
            for d in month.days { text += "night,docs,primary,p\(d.day % 5 + 1),\(d)\n" }
        }
        let csv = text
        let uploads = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        _ = try? await self.request(daemon.baseURL, .PUT, "/v1/rosters/\(month)", body: csv, contentType: "text/csv")
                    }
                }
            }
        }
        #expect(await receiver.wait(timeout: 15) { $0.count >= 2 }, "\(daemon.log)")
        await uploads.value
        view = json(try await request(daemon.baseURL, .GET, "/v1/escalations/\(id)").1)
        let backup = try #require((view["pages"] as? [[String: Any]])?.first { $0["tier"] as? String == "backup" })
        let sentAt = try #require((backup["sent_at"] as? String).flatMap(fractional.date(from:)))
        #expect(sentAt.timeIntervalSince(deadline) <= 1.0, "the backup was paged \(sentAt.timeIntervalSince(deadline)) s after its deadline")
    }
}

extension CrashRecoveryTests {
    @Test("a real daemon pages a patient's own doctor first, then the partner, then the rota, each at a real receiver")
    func aPatientsCallReachesTheirOwnDoctorFirst() async throws {
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        let dir = try TempDirectory()
        try chainNetworkYAML(webhook: receiver.url).write(toFile: dir.file("network.yaml"), atomically: true, encoding: .utf8)
        try "webhook: {secret: s4}\npolicy: {rounds: 1}\n".write(toFile: dir.file("daemon.yaml"), atomically: true, encoding: .utf8)
        let arguments = ["--network", dir.file("network.yaml"), "--db", dir.file("oncall.sqlite"), "--config", dir.file("daemon.yaml"), "--ack-timeout", "1"]
        let daemon = try await DaemonProcess(arguments: arguments, environment: ["ONCALL_ADMIN_TOKEN": token])
        defer { daemon.terminate() }
        for month in months() {
            let (status, body) = try await request(daemon.baseURL, .PUT, "/v1/rosters/\(month)", body: chainRosterCSV(month), contentType: "text/csv")
            #expect(status == 200, "\(body)")
        }
        let (loaded, loadBody) = try await request(daemon.baseURL, .PUT, "/v1/patients", body: chainPatientsCSV, contentType: "text/csv")
        #expect(loaded == 200, "\(loadBody)")
        let (created, body) = try await request(daemon.baseURL, .POST, "/v1/escalations", body: #"{"patient":"pt1","note":"発熱"}"#)
        #expect(created == 201, "\(body)")
        let id = try #require(json(body)["id"] as? String)
        #expect(await receiver.wait(timeout: 10) { $0.count >= 3 }, "\(daemon.log)")
        // Whatever the hour (day or night rota), the pages arrive in the plan's order, the patient's own doctors first.
        let plan = try #require(json(try await request(daemon.baseURL, .GET, "/v1/escalations/\(id)").1)["plan"] as? [[String: Any]])
        let planned = plan.flatMap { step in ((step["targets"] as? [[String: Any]]) ?? []).map { ($0["member"] as? String ?? "", step["tier"] as? String ?? "") } }
        let first = Array(receiver.pages.prefix(3))
        #expect(first.map(\.member) == planned.prefix(3).map(\.0))
        #expect(first.map { $0.json["tier"] as? String } == planned.prefix(3).map(\.1))
        #expect(first.prefix(2).map(\.member) == ["p2", "p1"], "attending, then partner")
        #expect(first.first?.json["patient"] as? String == "pt1" && first.first?.json["callback"] as? String == "0120-111-111")
        #expect(!daemon.log.contains("山田"), "the patient's name never reaches the log")
    }
}
