// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import HummingbirdTesting
import OncallCalendar
import OncallDaemon
import OncallStore
import RosterModel
import Testing

/// What each role may see, the other body shapes, and a facility covered by more than one pool.
struct APIScopeTests {
    let december = YearMonth("2026-12")!

    func publish(_ client: some TestClientProtocol) async throws {
        let r = try await call(client, .put, "/v1/rosters/2026-12", body: validRosterCSV(december), contentType: "text/csv")
        #expect(r.status == .ok, "\(r.body)")
    }

    @Test("a facility token sees the pools covering its patients; a responder reads only escalations that page it")
    func rolesSeeTheirOwn() async throws {
        let h = try await Harness()
        try await Application(router: h.api.router()).test(.router) { client in
            try await publish(client)
            let list = try await call(client, .get, "/v1/oncall", token: Harness.facilityToken)
            #expect(list.status == .ok)
            let pools = try JSONSerialization.jsonObject(with: Data(list.body.utf8)) as? [[String: Any]]
            #expect(pools?.map { $0["pool"] as? String } == ["docs"])
            do { let s = try await call(client, .get, "/v1/oncall?pool=docs", token: Harness.facilityToken).status; #expect(s == .ok) }
            do { let s = try await call(client, .get, "/v1/oncall", token: Harness.responderToken).status; #expect(s == .forbidden) }
            let wrong = try await call(client, .get, "/v1/oncall?pool=doc")
            #expect(wrong.status == .badRequest && wrong.body.contains("did you mean"), "\(wrong.body)")

            // At 02:00 the night's p3 (the responder) is primary: it may read this escalation.
            let id = try #require(try jsonObject(try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs"}"#).body)["id"] as? String)
            do { let s = try await call(client, .get, "/v1/escalations/\(id)", token: Harness.responderToken).status; #expect(s == .ok) }
            // At 10:00 the day's p1 and p2 are paged: not the responder's business.
            h.clock.advance(by: 8 * 3600)
            let other = try #require(try jsonObject(try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs"}"#).body)["id"] as? String)
            do { let s = try await call(client, .get, "/v1/escalations/\(other)", token: Harness.responderToken).status; #expect(s == .forbidden) }
            do { let s = try await call(client, .get, "/v1/escalations/\(other)").status; #expect(s == .ok) }
        }
    }

    @Test("a roster as JSON is checked like the CSV and answers the same question")
    func jsonRosterUpload() async throws {
        let h = try await Harness()
        let assignments = december.days.flatMap { d in
            [("day", "primary", "p1"), ("day", "backup", "p2"), ("night", "primary", "p3"), ("night", "backup", "p4")].map {
                ["date": d.description, "shift": $0.0, "pool": "docs", "tier": $0.1, "member": $0.2]
            }
        }
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["assignments": assignments], options: .sortedKeys), as: UTF8.self)
        try await Application(router: h.api.router()).test(.router) { client in
            let bad = body.replacingOccurrences(of: #""member":"p4""#, with: #""member":"p9""#)
            let refused = try await call(client, .put, "/v1/rosters/2026-12", body: bad, contentType: "application/json")
            #expect(refused.status == .badRequest && refused.body.contains("p9"), "\(refused.body)")
            let noTier = body.replacingOccurrences(of: #","tier":"backup""#, with: "")
            let missing = try await call(client, .put, "/v1/rosters/2026-12", body: noTier, contentType: "application/json")
            #expect(missing.status == .badRequest && missing.body.contains("tier"), "\(missing.body)")
            #expect(try await h.store.publishedRosters().isEmpty)

            let ok = try await call(client, .put, "/v1/rosters/2026-12", body: body, contentType: "application/json")
            #expect(ok.status == .ok, "\(ok.body)")
            #expect(try jsonObject(ok.body)["duties"] as? Int == december.days.count * 4)
            let who = try jsonObject(try await call(client, .get, "/v1/oncall?pool=docs&at=2026-12-24T23:30:00%2B09:00").body)
            #expect((who["backup"] as? [[String: Any]])?.first?["member"] as? String == "p4")
        }
    }

    @Test("a body over the limit is 413 naming the body, and nothing is stored")
    func oversizedBodyIsRefused() async throws {
        let h = try await Harness()
        var text = validRosterCSV(december)
        while text.utf8.count <= 2 * 1024 * 1024 { text += String(repeating: "#", count: 64 * 1024) + "\n" }
        let big = text
        try await Application(router: h.api.router()).test(.router) { client in
            let r = try await call(client, .put, "/v1/rosters/2026-12", body: big, contentType: "text/csv")
            #expect(r.status == .contentTooLarge, "\(r.status)")
            #expect(r.body.contains("body"))
        }
        #expect(try await h.store.publishedRosters().isEmpty)
    }

    /// `docs` covers the whole region by day; `team1` covers team t1 (c1) by night.
    static let twoPoolNetwork = daemonNetworkYAML().replacingOccurrences(
        of: "  - {id: docs, role: physician, facility_kinds: [clinic], shifts: [day, night], primary: 1, backup: 1}",
        with: """
              - {id: docs, role: physician, facility_kinds: [clinic], shifts: [day], primary: 1, backup: 1}
              - {id: team1, role: physician, team: t1, facility_kinds: [clinic], shifts: [night], primary: 1, backup: 0}
            """)

    @Test("a facility's escalation goes to the pool covering it now: by day the region's, by night its team's; none → 409")
    func facilityEscalationAcrossPools() async throws {
        let network = try NetworkLoader.parse(Self.twoPoolNetwork, file: "two-pools.yaml")
        let h = try await Harness(network: network)
        let roster = ["date,shift,pool,tier,member"] + december.days.flatMap { d in
            ["\(d),day,docs,primary,p1", "\(d),day,docs,backup,p2", "\(d),night,team1,primary,p3"]
        }
        try await Application(router: h.api.router()).test(.router) { client in
            let put = try await call(client, .put, "/v1/rosters/2026-12", body: roster.joined(separator: "\n") + "\n", contentType: "text/csv")
            #expect(put.status == .ok, "\(put.body)")
            let facilityPools = try await call(client, .get, "/v1/facilities/c1/oncall?at=2026-12-06T02:00:00%2B09:00", token: Harness.facilityToken)
            #expect(facilityPools.body.contains("team1") && !facilityPools.body.contains("\"docs\""), "\(facilityPools.body)")

            // 02:00: only team1 has someone on duty for c1.
            let night = try await call(client, .post, "/v1/escalations", token: Harness.facilityToken, body: #"{"note":"fever"}"#)
            #expect(night.status == .created, "\(night.body)")
            let nightID = try #require(try jsonObject(night.body)["id"] as? String)
            let view = try jsonObject(try await call(client, .get, "/v1/escalations/\(nightID)").body)
            #expect(view["pool"] as? String == "team1" && view["facility"] as? String == "c1")
            let tiers = (view["plan"] as? [[String: Any]])?.map { $0["tier"] as? String }
            #expect(tiers == ["primary", "hospital"], "no backup in team1: the hospital's desk follows the primary")
            // c2 is covered by docs only, which has nobody at night: an emergency is never refused; the chain
            // starts at the hospital's desk and the answer says who is next on the rota.
            let c2 = try await call(client, .post, "/v1/escalations", body: #"{"facility":"c2"}"#)
            #expect(c2.status == .created, "\(c2.body)")
            let c2Body = try jsonObject(c2.body)
            #expect((c2Body["next_on_rota"] as? [String: Any])?["shift"] as? String == "day", "\(c2.body)")
            let c2View = try jsonObject(try await call(client, .get, "/v1/escalations/\(try #require(c2Body["id"] as? String))").body)
            #expect((c2View["plan"] as? [[String: Any]])?.map { $0["tier"] as? String } == ["hospital"])
            // A facility token cannot aim at a pool that does not cover it.
            do { let s = try await call(client, .post, "/v1/escalations", token: Harness.facilityToken, body: #"{"facility":"c2"}"#).status; #expect(s == .forbidden) }

            // 10:00: the region's day pool.
            h.clock.advance(by: 8 * 3600)
            let day = try await call(client, .post, "/v1/escalations", body: #"{"facility":"c1","idempotency_key":"day-1"}"#)
            let dayView = try jsonObject(try await call(client, .get, "/v1/escalations/\(try #require(try jsonObject(day.body)["id"] as? String))").body)
            #expect(dayView["pool"] as? String == "docs")
            await h.engine.tick()
            #expect(Set(h.notifier.members) == ["p3", "p1", "facility:hosp"], "each escalation paged its own first step")
        }
    }
}
