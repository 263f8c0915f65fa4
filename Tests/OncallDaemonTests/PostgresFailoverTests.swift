// SPDX-License-Identifier: GPL-3.0-or-later
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OncallCalendar
import OncallDaemon
import OncallNotifiers
import Testing

/// Several daemons on one PostgreSQL: a daemon killed mid-escalation costs no step, and a database restarted
/// under a daemon loses nothing. Real processes, a real server (`.ci/with-postgres`).
@Suite(.serialized, .enabled(if: TestPostgres.address != nil, "needs .ci/with-postgres"))
struct PostgresFailoverTests {
    let crash = CrashRecoveryTests()
    let environment = ["ONCALL_ADMIN_TOKEN": "crash-test-admin"]
    let fractional: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()

    /// `serve`'s arguments for the test network paging `webhook`, on the PostgreSQL database `db`.
    func arguments(_ dir: TempDirectory, webhook: String, db: String, ackTimeout: Double) throws -> [String] {
        var arguments = try crash.daemonArguments(dir, webhook: webhook, config: "webhook: {secret: crash-secret}\npolicy: {rounds: 1}\n", ackTimeout: ackTimeout)
        arguments[arguments.firstIndex(of: "--db")! + 1] = db
        return arguments
    }

    func view(_ daemon: DaemonProcess, _ id: String) async throws -> [String: Any] {
        crash.json(try await crash.request(daemon.baseURL, .GET, "/v1/escalations/\(id)").1)
    }

    func sentAt(_ view: [String: Any], member: String) -> Date? {
        ((view["pages"] as? [[String: Any]])?.first { $0["member"] as? String == member }?["sent_at"] as? String).flatMap(fractional.date(from:))
    }

    @Test func anotherDaemonPagesTheBackupOnTimeWhenOneIsKilledMidEscalation() async throws {
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        let dir = try TempDirectory()
        let db = try await TestPostgres.freshDatabase()
        let args = try arguments(dir, webhook: receiver.url, db: db, ackTimeout: 2)
        let a = try await DaemonProcess(arguments: args, environment: environment)
        defer { a.terminate() }
        try await crash.publishAroundNow(a)
        let who = crash.json(try await crash.request(a.baseURL, .GET, "/v1/oncall?pool=docs").1)
        let primary = try #require((who["primary"] as? [[String: Any]])?.first?["member"] as? String)
        let backup = try #require((who["backup"] as? [[String: Any]])?.first?["member"] as? String)

        let body = #"{"pool":"docs","note":"no answer","idempotency_key":"failover-1"}"#
        let (created, createdBody) = try await crash.request(a.baseURL, .POST, "/v1/escalations", body: body)
        #expect(created == 201)
        let id = try #require(crash.json(createdBody)["id"] as? String)
        #expect(await receiver.wait(timeout: 5) { $0.contains { $0.member == primary } })

        // A second daemon joins: it sees the roster and the escalation A wrote, at once.
        let b = try await DaemonProcess(arguments: args, environment: environment)
        defer { b.terminate() }
        #expect(crash.json(try await crash.request(b.baseURL, .GET, "/v1/oncall?pool=docs").1)["pool"] as? String == "docs")
        var deadline: Date?
        for _ in 0..<300 where deadline == nil {
            let v = try await view(b, id)
            if v["paged"] as? Bool == true { deadline = (v["next_deadline"] as? String).flatMap(fractional.date(from:)) }
            else { try await Task.sleep(for: .milliseconds(10)) }
        }
        let due = try #require(deadline, "the primary's step was committed")
        a.kill9()
        let killedAt = Date()

        #expect(await receiver.wait(timeout: 8) { $0.contains { $0.member == backup } }, "\(b.log)")
        let v = try await view(b, id)
        let backupSent = try #require(sentAt(v, member: backup))
        #expect(backupSent >= due.addingTimeInterval(-0.05), "backup paged before the stored deadline")
        #expect(backupSent.timeIntervalSince(max(due, killedAt)) <= 1.0, "backup sent \(backupSent.timeIntervalSince(due)) s after the deadline")
        #expect(receiver.pages.filter { $0.member == primary }.count == 1, "the primary is not paged again")

        // The same idempotency key through the other daemon: the same escalation.
        let (again, againBody) = try await crash.request(b.baseURL, .POST, "/v1/escalations", body: body)
        #expect(again == 200 && crash.json(againBody)["id"] as? String == id)
        let (acked, _) = try await crash.request(b.baseURL, .POST, "/v1/escalations/\(id)/ack", body: #"{"member":"\#(backup)"}"#)
        #expect(acked == 200)
        // A daemon started after the acknowledgement, past every deadline, pages nobody.
        let count = receiver.pages.count
        let c = try await DaemonProcess(arguments: args, environment: environment)
        defer { c.terminate() }
        try await Task.sleep(for: .seconds(2.5))
        #expect(receiver.pages.count == count)
        #expect(try await view(c, id)["status"] as? String == "acknowledged")
        for page in receiver.pages { #expect(page.signature == WebhookNotifier.signature(of: page.body, secret: "crash-secret")) }
    }

    @Test func aWriteThroughOneDaemonIsSeenByTheOtherAtOnce() async throws {
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        let dir = try TempDirectory()
        let args = try arguments(dir, webhook: receiver.url, db: try await TestPostgres.freshDatabase(), ackTimeout: 60)
        let a = try await DaemonProcess(arguments: args, environment: environment)
        defer { a.terminate() }
        let b = try await DaemonProcess(arguments: args, environment: environment)
        defer { b.terminate() }
        #expect(try await crash.request(b.baseURL, .GET, "/v1/oncall?pool=docs").0 == 404, "nothing published yet")
        try await crash.publishAroundNow(a)
        // B's book reloads on A's notification, without a request to B having written anything.
        var seen = false
        for _ in 0..<100 where !seen {
            seen = try await crash.request(b.baseURL, .GET, "/v1/oncall?pool=docs").0 == 200
            if !seen { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(seen, "B sees A's roster within 2 s")
    }

    @Test(.enabled(if: TestPostgres.restartable != nil && TestPostgres.pgCtl != nil))
    func aDatabaseRestartedUnderTheDaemonLosesNothing() async throws {
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        let dir = try TempDirectory()
        let args = try arguments(dir, webhook: receiver.url, db: try await TestPostgres.freshDatabase(on: TestPostgres.restartable), ackTimeout: 3)
        let daemon = try await DaemonProcess(arguments: args, environment: environment)
        defer { daemon.terminate() }
        try await crash.publishAroundNow(daemon)
        let who = crash.json(try await crash.request(daemon.baseURL, .GET, "/v1/oncall?pool=docs").1)
        let primary = try #require((who["primary"] as? [[String: Any]])?.first?["member"] as? String)
        let backup = try #require((who["backup"] as? [[String: Any]])?.first?["member"] as? String)
        let (_, createdBody) = try await crash.request(daemon.baseURL, .POST, "/v1/escalations", body: #"{"pool":"docs","note":"x"}"#)
        let id = try #require(crash.json(createdBody)["id"] as? String)
        #expect(await receiver.wait(timeout: 5) { $0.contains { $0.member == primary } })
        try await Task.sleep(for: .milliseconds(300))

        try TestPostgres.pgCtl(["stop", "-m", "fast"])
        do {
            defer { try? TestPostgres.pgCtl(["start"]) }
            var unhealthy = false
            for _ in 0..<50 where !unhealthy {
                unhealthy = (try? await crash.request(daemon.baseURL, .GET, "/health").0) == 503
                if !unhealthy { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(unhealthy, "/health says 503 while the database is down")
            // Down past the step's deadline.
            try await Task.sleep(for: .seconds(3))
        }
        var healthy = false
        for _ in 0..<100 where !healthy {
            healthy = (try? await crash.request(daemon.baseURL, .GET, "/health").0) == 200
            if !healthy { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(healthy, "/health is 200 again once the database is back: \(daemon.log.suffix(2_000))")
        #expect(await receiver.wait(timeout: 8) { $0.contains { $0.member == backup } }, "the backup is paged after the reconnect")
        let (acked, _) = try await crash.request(daemon.baseURL, .POST, "/v1/escalations/\(id)/ack", body: #"{"member":"\#(backup)"}"#)
        #expect(acked == 200)
        let count = receiver.pages.count
        try await Task.sleep(for: .seconds(3.5))
        #expect(receiver.pages.count == count, "nobody paged after the acknowledgement")
        #expect(receiver.pages.filter { $0.member == primary }.count == 1)
        #expect(receiver.pages.filter { $0.member == backup }.count == 1)
    }
}
