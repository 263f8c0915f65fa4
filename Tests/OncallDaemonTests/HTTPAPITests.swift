// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import HummingbirdTesting
import OncallCalendar
import OncallDaemon
import OncallNotifiers
import OncallStore
import Testing

struct HTTPAPITests {
    let december = YearMonth("2026-12")!

    func publish(_ client: some TestClientProtocol, _ h: Harness) async throws {
        let r = try await call(client, .put, "/v1/rosters/2026-12", body: validRosterCSV(december), contentType: "text/csv")
        #expect(r.status == .ok, "\(r.body)")
    }

    @Test("a note longer than a page carries is refused, naming the field; one at the limit is taken whole")
    func noteLengthIsCappedForEveryChannel() async throws {
        let h = try await Harness()
        try await Application(router: h.api.router()).test(.router) { client in
            try await publish(client, h)
            // Scalars, as the page counts them: "é" written as e + a combining accent is two.
            let long = String(repeating: "e\u{301}", count: 1_001)
            let refused = try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs","note":"\#(long)"}"#)
            #expect(refused.status == .badRequest && refused.body.contains("note: is 2002 characters"), "\(refused.body.prefix(200))")
            let atLimit = String(repeating: "e\u{301}", count: 1_000)
            let taken = try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs","note":"\#(atLimit)"}"#)
            #expect(taken.status == .created, "\(taken.body.prefix(200))")
        }
        let stored = try await h.store.openEscalations()
        #expect(stored.count == 1 && stored[0].note.unicodeScalars.count == 2_000)
    }

    @Test func tokensAndRoles() async throws {
        let h = try await Harness()
        try await Application(router: h.api.router()).test(.router) { client in
            do { let status = try await call(client, .get, "/v1/oncall", token: nil).status; #expect(status == .unauthorized) }
            do { let status = try await call(client, .get, "/v1/oncall", token: "wrong").status; #expect(status == .unauthorized) }
            do { let status = try await call(client, .put, "/v1/rosters/2026-12", token: Harness.facilityToken, body: "x", contentType: "text/csv").status; #expect(status == .forbidden) }
            do { let status = try await call(client, .get, "/v1/facilities/c2/oncall", token: Harness.facilityToken).status; #expect(status == .forbidden) }
            do { let status = try await call(client, .get, "/v1/facilities/c1/oncall", token: Harness.facilityToken).status; #expect(status == .ok) }
            do { let status = try await call(client, .post, "/v1/overrides", token: Harness.responderToken, body: "{}").status; #expect(status == .forbidden) }
            do { let status = try await call(client, .get, "/health", token: nil).status; #expect(status == .ok) }
        }
    }

    @Test func invalidRosterIs422WithViolationsAndNothingIsStored() async throws {
        let h = try await Harness()
        // The backup from the primary's own facility breaks backup_other_facility.
        let bad = validRosterCSV(december).replacingOccurrences(of: "2026-12-03,night,docs,backup,p4", with: "2026-12-03,night,docs,backup,p1")
        try await Application(router: h.api.router()).test(.router) { client in
            let r = try await call(client, .put, "/v1/rosters/2026-12", body: bad, contentType: "text/csv")
            #expect(r.status == .unprocessableContent)
            let violations = try #require(try jsonObject(r.body)["violations"] as? [[String: Any]])
            #expect(!violations.isEmpty)
            let wrongMonth = try await call(client, .put, "/v1/rosters/2027-01", body: validRosterCSV(december), contentType: "text/csv")
            #expect(wrongMonth.status == .badRequest)
            #expect(wrongMonth.body.contains("date"))
            let badJSON = try await call(client, .put, "/v1/rosters/2026-12", body: "{not json", contentType: "application/json")
            #expect(badJSON.status == .badRequest)
        }
        #expect(try await h.store.publishedRosters().isEmpty)
    }

    @Test("PUT of a roster with 40,000 unknown members: 400 naming the first 20 rows, then how many more")
    func manyBadRowsAreCappedInTheAnswer() async throws {
        let h = try await Harness()
        let csv = "date,shift,pool,tier,member\n" + (0..<40_000).map { "2026-12-05,day,docs,primary,zz\($0)" }.joined(separator: "\n")
        try await Application(router: h.api.router()).test(.router) { client in
            let r = try await call(client, .put, "/v1/rosters/2026-12", body: csv, contentType: "text/csv")
            #expect(r.status == .badRequest)
            let message = try #require((try jsonObject(r.body)["error"] as? [String: Any])?["message"] as? String)
            #expect(message.components(separatedBy: "unknown member").count == 21, "\(message.prefix(300))")
            #expect(message.contains("roster:21: member: unknown member \"zz19\"") && !message.contains("zz20"))
            #expect(message.contains("; roster: … and 39980 more rows with errors — "), "\(message.suffix(200))")
        }
    }

    @Test func whoCoversAtTwoInTheMorning() async throws {
        let h = try await Harness()
        try await Application(router: h.api.router()).test(.router) { client in
            try await publish(client, h)
            let r = try await call(client, .get, "/v1/oncall?pool=docs&at=2026-12-06T02:00:00%2B09:00")
            #expect(r.status == .ok)
            let o = try jsonObject(r.body)
            #expect(o["date"] as? String == "2026-12-05")
            #expect(o["shift"] as? String == "night")
            #expect((o["primary"] as? [[String: Any]])?.first?["member"] as? String == "p3")
            let next = try jsonObject(try await call(client, .get, "/v1/oncall?pool=docs&next=1&at=2026-12-06T02:00:00Z").body)
            #expect(next["shift"] as? String == "night" && next["date"] as? String == "2026-12-06")
            let noZone = try await call(client, .get, "/v1/oncall?pool=docs&at=2026-12-06T02:00:00")
            #expect(noZone.status == .badRequest && noZone.body.contains("at"))
            do { let status = try await call(client, .get, "/v1/oncall?pool=nope").status; #expect(status == .badRequest) }
        }
    }

    @Test func overrideIsCheckedAppliedAndRevoked() async throws {
        let h = try await Harness()
        try await Application(router: h.api.router()).test(.router) { client in
            try await publish(client, h)
            // p2 already backs up the day of the 5th: a second duty that date breaks max_duties_per_day.
            let bad = #"{"pool":"docs","date":"2026-12-05","shift":"night","tier":"backup","member":"p2","replaces":"p4"}"#
            do { let status = try await call(client, .post, "/v1/overrides", body: bad).status; #expect(status == .unprocessableContent) }
            let good = #"{"pool":"docs","date":"2026-12-05","shift":"night","tier":"backup","member":"p5","replaces":"p4"}"#
            let created = try await call(client, .post, "/v1/overrides", body: good)
            #expect(created.status == .created, "\(created.body)")
            let who = try jsonObject(try await call(client, .get, "/v1/oncall?pool=docs&at=2026-12-06T02:00:00%2B09:00").body)
            #expect((who["backup"] as? [[String: Any]])?.first?["member"] as? String == "p5")
            let id = try #require(try jsonObject(created.body)["id"] as? String)
            do { let status = try await call(client, .delete, "/v1/overrides/\(id)").status; #expect(status == .noContent) }
            let after = try jsonObject(try await call(client, .get, "/v1/oncall?pool=docs&at=2026-12-06T02:00:00%2B09:00").body)
            #expect((after["backup"] as? [[String: Any]])?.first?["member"] as? String == "p4")
            let unknown = try await call(client, .post, "/v1/overrides", body: #"{"pool":"docs","date":"2026-12-05","shift":"night","tier":"backup","member":"zz"}"#)
            #expect(unknown.status == .badRequest && unknown.body.contains("member"))
        }
        #expect(try await h.store.auditLog().map(\.action) == ["publish_roster", "override", "revoke_override"])
    }

    @Test func escalationIsIdempotentAndPagesOnce() async throws {
        let h = try await Harness()
        try await Application(router: h.api.router()).test(.router) { client in
            try await publish(client, h)
            let body = #"{"facility":"c1","note":"falls","urgency":"high","idempotency_key":"call-42"}"#
            let first = try await call(client, .post, "/v1/escalations", token: Harness.facilityToken, body: body)
            #expect(first.status == .created, "\(first.body)")
            await h.engine.tick()
            let again = try await call(client, .post, "/v1/escalations", token: Harness.facilityToken, body: body)
            #expect(again.status == .ok)
            #expect(try jsonObject(again.body)["id"] as? String == jsonObject(first.body)["id"] as? String)
            await h.engine.tick()
            #expect(h.notifier.members == ["p3"])
            let id = try #require(try jsonObject(first.body)["id"] as? String)
            let view = try jsonObject(try await call(client, .get, "/v1/escalations/\(id)").body)
            #expect(view["status"] as? String == "open")
            #expect((view["pages"] as? [[String: Any]])?.map { $0["result"] as? String } == ["delivered"])
            do { let status = try await call(client, .post, "/v1/escalations", body: #"{"pool":"nope"}"#).status; #expect(status == .badRequest) }
            do { let status = try await call(client, .post, "/v1/escalations", body: #"{"pool": 3}"#).status; #expect(status == .badRequest) }
        }
    }

    @Test func acknowledgementStopsPaging() async throws {
        let h = try await Harness(ackTimeout: 60)
        try await Application(router: h.api.router()).test(.router) { client in
            try await publish(client, h)
            let id = try #require(try jsonObject(try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs"}"#).body)["id"] as? String)
            await h.engine.tick()
            do { let status = try await call(client, .post, "/v1/escalations/\(id)/ack", token: Harness.responderToken, body: #"{"member":"p4"}"#).status; #expect(status == .forbidden) }
            let ack = try await call(client, .post, "/v1/escalations/\(id)/ack", token: Harness.responderToken, body: #"{"member":"p3"}"#)
            #expect(ack.status == .ok)
            #expect(try jsonObject(ack.body)["status"] as? String == "acknowledged")
            h.clock.advance(by: 3600)
            await h.engine.tick()
            #expect(h.notifier.members == ["p3"])
        }
    }

    @Test func timeoutMovesToBackupAndDeclineMovesOnAtOnce() async throws {
        let h = try await Harness(ackTimeout: 60)
        try await Application(router: h.api.router()).test(.router) { client in
            try await publish(client, h)
            let id = try #require(try jsonObject(try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs","note":"no answer"}"#).body)["id"] as? String)
            await h.engine.tick()
            h.clock.advance(by: 59)
            await h.engine.tick()
            #expect(h.notifier.members == ["p3"])
            h.clock.advance(by: 1)
            await h.engine.tick()
            #expect(h.notifier.members == ["p3", "p4"])
            let decline = try await call(client, .post, "/v1/escalations/\(id)/decline", body: #"{"member":"p4"}"#)
            #expect(decline.status == .ok)
            await h.engine.tick()
            #expect(h.notifier.members == ["p3", "p4", "facility:hosp"], "the hospital without a pool: its night desk")
            h.clock.advance(by: 60)
            await h.engine.tick()
            let view = try jsonObject(try await call(client, .get, "/v1/escalations/\(id)").body)
            #expect(view["status"] as? String == "exhausted")
        }
    }

    @Test func signedLinkAcknowledgesWithoutAToken() async throws {
        let h = try await Harness()
        try await Application(router: h.api.router()).test(.router) { client in
            try await publish(client, h)
            let id = try #require(try jsonObject(try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs"}"#).body)["id"] as? String)
            await h.engine.tick()
            let link = try #require(h.notifier.pages.first?.ackURL)
            let path = String(link.dropFirst("http://127.0.0.1:8080".count))
            let tampered = path.replacingOccurrences(of: "member=p3", with: "member=p4")
            do { let status = try await call(client, .get, tampered, token: nil).status; #expect(status == .forbidden) }
            // Opening the link (a mail app's preview does) changes nothing; its button's POST acknowledges.
            let opened = try await call(client, .get, path, token: nil)
            #expect(opened.status == .ok && opened.body.contains("<form method=\"post\""), "\(opened.body)")
            #expect(try await h.store.escalation(id: id)?.status == .open)
            let r = try await call(client, .post, path, token: nil)
            #expect(r.status == .ok, "\(r.body)")
            #expect(try await h.store.escalation(id: id)?.status == .acknowledged)
        }
    }

    @Test func metricsCountEscalationsAndPageLatency() async throws {
        let h = try await Harness(ackTimeout: 60)
        try await Application(router: h.api.router()).test(.router) { client in
            try await publish(client, h)
            let id = try #require(try jsonObject(try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs"}"#).body)["id"] as? String)
            await h.engine.tick()
            _ = try await call(client, .post, "/v1/escalations/\(id)/ack", body: #"{"member":"p3"}"#)
            let metrics = try await call(client, .get, "/metrics", token: nil)
            #expect(metrics.status == .ok)
            #expect(metrics.body.contains(#"oncall_escalations_total{status="created"} 1"#))
            #expect(metrics.body.contains(#"oncall_escalations_total{status="acknowledged"} 1"#))
            #expect(metrics.body.contains(#"oncall_page_latency_seconds_count{channel="webhook"} 1"#), "\(metrics.body)")
            #expect(!metrics.body.contains("p3"))
        }
    }
}
