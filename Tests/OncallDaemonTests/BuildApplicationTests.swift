// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OncallCalendar
import OncallDaemon
import OncallNotifiers
import OncallStore
import Testing

/// The application `oncalld serve` runs, built by the same `buildApplication`, on a real socket: its routes
/// behind their authenticators and role guards, and the engine and roster book running as its services.
struct BuildApplicationTests {
    /// This month and the one before in Tokyo: a night that began yesterday may belong to last month.
    func currentMonths() -> [YearMonth] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let parts = calendar.dateComponents([.year, .month], from: Date())
        let this = YearMonth(year: parts.year!, month: parts.month!)!
        return [this.previous, this]
    }

    func application(_ dir: TempDirectory, notifier: RecordingNotifier) async throws -> DaemonApplication {
        var settings = try Harness.settings(ackTimeout: 60)
        settings.port = 0
        var logger = Logger(label: "test.daemon")
        logger.logLevel = .warning
        return try await buildApplication(
            settings: settings, store: try SQLiteStore(path: dir.file("oncall.sqlite")), notifier: notifier, logger: logger)
    }

    @Test("the engine runs as the application's service: an escalation is paged with no tick, and acknowledged through the API")
    func enginePagesWithoutBeingTicked() async throws {
        let dir = try TempDirectory()
        let notifier = RecordingNotifier()
        try await application(dir, notifier: notifier).test(.live) { client in
            for month in currentMonths() {
                let r = try await call(client, .put, "/v1/rosters/\(month)", body: validRosterCSV(month), contentType: "text/csv")
                #expect(r.status == .ok, "\(r.body)")
            }
            let created = try await call(client, .post, "/v1/escalations", token: Harness.facilityToken, body: #"{"note":"fever"}"#)
            #expect(created.status == .created, "\(created.body)")
            let id = try #require(try jsonObject(created.body)["id"] as? String)
            // Real time: the engine's own loop, woken by the store's change, not a test's tick.
            let deadline = Date().addingTimeInterval(60)
            while notifier.pages.isEmpty && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            let page = try #require(notifier.pages.first, "no page within 60 s")
            #expect(page.escalationId == id && page.tier == "primary")
            let acked = try await call(client, .post, "/v1/escalations/\(id)/ack", body: #"{"member":"\#(page.member)"}"#)
            #expect(acked.status == .ok, "\(acked.body)")
            #expect(try jsonObject(acked.body)["status"] as? String == "acknowledged")
        }
    }

    @Test("route groups: no token 401, an unknown token 401 before any handler, another role 403; feeds, links and pages keep their own authority")
    func routeGroupsAuthenticateAndGuard() async throws {
        let dir = try TempDirectory()
        try await application(dir, notifier: RecordingNotifier()).test(.live) { client in
            let none = try await call(client, .get, "/v1/patients", token: nil)
            #expect(none.status == .unauthorized && none.body.contains("Authorization: Bearer TOKEN is required"), "\(none.body)")
            // An unknown token is refused by the authenticator, even on a route whose body would be a 400.
            let unknown = try await call(client, .put, "/v1/rosters/not-a-month", token: "wrong", body: "x", contentType: "text/csv")
            #expect(unknown.status == .unauthorized && unknown.body.contains("unknown token"), "\(unknown.body)")
            let responder = try await call(client, .get, "/v1/patients", token: Harness.responderToken)
            #expect(responder.status == .forbidden && responder.body.contains("a responder token cannot do this"), "\(responder.body)")
            let facility = try await call(client, .get, "/v1/patients", token: Harness.facilityToken)
            #expect(facility.status == .ok)
            let admin = try await call(client, .put, "/v1/rosters/not-a-month", body: "x", contentType: "text/csv")
            #expect(admin.status == .badRequest && admin.body.contains("month"))
            // A feed's key is its authority: a bearer header, known or not, neither opens nor closes it.
            let feed = try await call(client, .get, "/v1/ical/members/p1.ics?key=nope", token: "wrong")
            #expect(feed.status == .notFound)
            // Pages: nobody signed in goes to the login form; an unknown token gets the page saying so.
            let page = try await exchange(client, .get, "/month/2026-12")
            #expect(page.status == .seeOther && page.headers[.location]?.hasPrefix("/login") == true)
            let badPage = try await exchange(client, .get, "/month/2026-12", token: "wrong")
            #expect(badPage.status == .unauthorized && badPage.body.contains("<html"))
        }
    }
}
