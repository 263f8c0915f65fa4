// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OncallCalendar
import OncallDaemon
import OncallStore
import OncallTestSupport
import Testing

/// The daemon's calendar feeds over a real socket on 127.0.0.1, read back by Python's icalendar.
/// The harness's clock stands at 2026-12-06 02:00 in Tokyo: the feeds cover 2026-11 … 2027-02.
@Suite("calendar feeds")
struct ICalFeedTests {
    let december = YearMonth("2026-12")!

    func app(_ h: Harness) -> some ApplicationProtocol {
        Application(router: h.api.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// Makes a key over the API; returns the feed's path and query (the URL without scheme and host).
    func key(_ client: some TestClientProtocol, _ body: String) async throws -> (path: String, key: String) {
        let r = try await call(client, .post, "/v1/ical/keys", body: body)
        #expect(r.status == .created, "\(r.body)")
        let o = try jsonObject(r.body)
        let url = try #require(o["url"] as? String)
        let path = try #require(url.range(of: "/v1/ical/")).lowerBound
        return (String(url[path...]), try #require(o["key"] as? String))
    }

    /// Fetches a feed without a token and parses it; nil (with the issue recorded) when it is no feed.
    func feed(_ client: some TestClientProtocol, _ path: String, _ dir: TempDirectory) async throws -> [ParsedEvent]? {
        let r = try await exchange(client, .get, path)
        #expect(r.status == .ok, "\(path): \(r.body)")
        #expect(r.headers[.contentType] == "text/calendar; charset=utf-8")
        #expect(!r.body.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends with CRLF")
        #expect(r.body.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n"))
        let file = dir.file(UUID().uuidString + ".ics")
        try r.body.write(toFile: file, atomically: true, encoding: .utf8)
        return parseICS(file)
    }

    @Test("member and pool feeds: one event per duty, Tokyo time, nights end the next morning, the tier in the summary")
    func feeds() async throws {
        let h = try await Harness()
        try await app(h).test(.live) { client in
            #expect(try await call(client, .put, "/v1/rosters/2026-12", body: validRosterCSV(december), contentType: "text/csv").status == .ok)
            let p3 = try await key(client, #"{"member":"p3"}"#)
            #expect(p3.path.hasPrefix("/v1/ical/members/p3.ics?key="))
            #expect(p3.key.count == 43)
            guard let events = try await feed(client, p3.path, h.dir) else { return }
            #expect(events.count == 31)
            #expect(Set(events.map(\.uid)).count == 31)
            #expect(events.allSatisfy { $0.tzid == "Asia/Tokyo" && $0.sequence == 0 && $0.status == "" })
            #expect(events.first?.start == "2026-12-01T18:00:00+09:00")
            #expect(events.first?.end == "2026-12-02T09:00:00+09:00")
            #expect(events.last?.end == "2027-01-01T09:00:00+09:00")
            #expect(events.allSatisfy { $0.summary == "当番: 夜間 (docs)" })
            let english = try await exchange(client, .get, p3.path + "&lang=en")
            #expect(english.body.contains("SUMMARY:Primary: 夜間 (docs)\r\n"))

            let pool = try await key(client, #"{"pool":"docs"}"#)
            guard let all = try await feed(client, pool.path, h.dir) else { return }
            #expect(all.count == 31 * 4)
            #expect(all.filter { $0.start == "2026-12-05T18:00:00+09:00" }.map(\.summary).sorted() == ["当番: 夜間 (docs) — 医師三", "待機: 夜間 (docs) — 医師四"].sorted())
            // A duty's UID is the same in the member's and the pool's feed while it is the member's own.
            #expect(Set(events.map(\.uid)).isSubset(of: Set(all.map(\.uid))))

            let listed = try await call(client, .get, "/v1/ical/keys")
            #expect((try JSONSerialization.jsonObject(with: Data(listed.body.utf8)) as? [[String: Any]])?.count == 2)
            do { let status = try await call(client, .post, "/v1/ical/keys", body: #"{"member":"zz"}"#).status; #expect(status == .badRequest) }
            do { let status = try await call(client, .post, "/v1/ical/keys", body: #"{"member":"p1","pool":"docs"}"#).status; #expect(status == .badRequest) }
            do { let status = try await call(client, .post, "/v1/ical/keys", token: Harness.responderToken, body: #"{"member":"p3"}"#).status; #expect(status == .forbidden) }
            do { let status = try await call(client, .get, "/v1/ical/keys", token: Harness.facilityToken).status; #expect(status == .forbidden) }
        }
    }

    @Test("an override keeps the duty's UID in the pool's feed and bumps SEQUENCE; the member who lost it sees it cancelled; revoking bumps again")
    func overridesBumpSequence() async throws {
        let h = try await Harness()
        try await app(h).test(.live) { client in
            #expect(try await call(client, .put, "/v1/rosters/2026-12", body: validRosterCSV(december), contentType: "text/csv").status == .ok)
            let p4 = try await key(client, #"{"member":"p4"}"#), p5 = try await key(client, #"{"member":"p5"}"#)
            let pool = try await key(client, #"{"pool":"docs"}"#)
            let night = "2026-12-05T18:00:00+09:00"
            func backup(_ events: [ParsedEvent]?) -> ParsedEvent? { events?.first { $0.start == night && $0.summary.hasPrefix("待機") } }
            let before = try #require(backup(try await feed(client, pool.path, h.dir)))
            let p4Before = try #require(backup(try await feed(client, p4.path, h.dir)))
            #expect(before.sequence == 0 && p4Before.sequence == 0)
            #expect(try await feed(client, p5.path, h.dir)?.isEmpty == true)

            let override = #"{"pool":"docs","date":"2026-12-05","shift":"night","tier":"backup","member":"p5","replaces":"p4"}"#
            let created = try await call(client, .post, "/v1/overrides", body: override)
            #expect(created.status == .created, "\(created.body)")
            let poolAfter = try #require(backup(try await feed(client, pool.path, h.dir)))
            #expect(poolAfter.uid == before.uid)
            #expect(poolAfter.sequence == 1)
            #expect(poolAfter.summary == "待機: 夜間 (docs) — 医師五")
            #expect(poolAfter.status == "")
            let p4Events = try #require(try await feed(client, p4.path, h.dir))
            #expect(p4Events.count == 31)
            let lost = try #require(backup(p4Events))
            #expect(lost.uid == p4Before.uid && lost.status == "CANCELLED" && lost.sequence == 1)
            let p5Events = try #require(try await feed(client, p5.path, h.dir))
            #expect(p5Events.count == 1)
            #expect(p5Events.first?.status == "" && p5Events.first?.sequence == 1 && p5Events.first?.start == night)
            #expect(p5Events.first?.end == "2026-12-06T09:00:00+09:00")

            let id = try #require(try jsonObject(created.body)["id"] as? String)
            #expect(try await call(client, .delete, "/v1/overrides/\(id)").status == .noContent)
            let poolBack = try #require(backup(try await feed(client, pool.path, h.dir)))
            #expect(poolBack.uid == before.uid && poolBack.sequence == 2 && poolBack.summary == "待機: 夜間 (docs) — 医師四")
            let p4Back = try #require(backup(try await feed(client, p4.path, h.dir)))
            #expect(p4Back.uid == p4Before.uid && p4Back.status == "" && p4Back.sequence == 2)
            let p5Back = try #require(try await feed(client, p5.path, h.dir))
            #expect(p5Back.map(\.status) == ["CANCELLED"] && p5Back.first?.sequence == 2)
        }
    }

    @Test("a wrong, revoked or misplaced key is 404 without saying which; revoking is audited without the key")
    func keys() async throws {
        let h = try await Harness()
        try await app(h).test(.live) { client in
            #expect(try await call(client, .put, "/v1/rosters/2026-12", body: validRosterCSV(december), contentType: "text/csv").status == .ok)
            let p3 = try await key(client, #"{"member":"p3"}"#), pool = try await key(client, #"{"pool":"docs"}"#)
            let notFound = #"{"error":{"message":"no such feed"}}"#
            for path in [
                "/v1/ical/members/p3.ics", "/v1/ical/members/p3.ics?key=", "/v1/ical/members/p3.ics?key=wrong",
                "/v1/ical/members/p4.ics?key=\(p3.key)", "/v1/ical/pools/docs.ics?key=\(p3.key)", "/v1/ical/members/docs.ics?key=\(pool.key)",
            ] {
                let r = try await exchange(client, .get, path)
                #expect(r.status == .notFound && r.body == notFound, "\(path)")
            }
            #expect(try await exchange(client, .get, p3.path).status == .ok)
            #expect(try await call(client, .delete, "/v1/ical/keys/\(p3.key)", token: Harness.facilityToken).status == .forbidden)
            #expect(try await call(client, .delete, "/v1/ical/keys/\(p3.key)").status == .noContent)
            let revoked = try await exchange(client, .get, p3.path)
            #expect(revoked.status == .notFound && revoked.body == notFound)
            #expect(try await call(client, .delete, "/v1/ical/keys/\(p3.key)").status == .notFound)
            // By the key's id (as GET /v1/ical/keys lists it) works as well.
            let id = try #require(try await h.store.activeFeedKeys(kind: .pool, subject: "docs").first?.id)
            #expect(try await call(client, .delete, "/v1/ical/keys/\(id)").status == .noContent)
            #expect(try await exchange(client, .get, pool.path).status == .notFound)

            let audit = try await h.store.auditLog()
            #expect(audit.map(\.action) == ["publish_roster", "create_feed_key", "create_feed_key", "revoke_feed_key", "revoke_feed_key"])
            #expect(audit.allSatisfy { !$0.detail.contains(p3.key) && !$0.subject.contains(p3.key) })
            #expect(audit[1].subject == "member:p3")
        }
    }
}
