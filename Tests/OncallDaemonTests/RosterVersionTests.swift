// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OncallCalendar
import OncallDaemon
import OncallStore
import Testing

/// Re-publishing a month keeps what was published before.
struct RosterVersionTests {
    let december = YearMonth("2026-12")!

    @Test("?in_force=1 gives the roster with the overrides in force applied; without it, as published")
    func rosterInForceHasTheOverrides() async throws {
        let h = try await Harness()
        try await Application(router: h.api.router()).test(.router) { client in
            _ = try await call(client, .put, "/v1/rosters/2026-12", body: validRosterCSV(december), contentType: "text/csv")
            let override = #"{"pool":"docs","date":"2026-12-10","shift":"day","tier":"backup","member":"p5","replaces":"p2"}"#
            let made = try await call(client, .post, "/v1/overrides", body: override)
            #expect(made.status == .created, "\(made.body)")
            let inForce = try await exchange(client, .get, "/v1/rosters/2026-12?in_force=1", token: Harness.adminToken)
            #expect(inForce.status == .ok && inForce.headers[HTTPField.Name("X-Overrides-Applied")!] == "1")
            #expect(inForce.body.contains("2026-12-10,day,docs,backup,p5,") && !inForce.body.contains("2026-12-10,day,docs,backup,p2,"))
            #expect(inForce.body.contains("2026-12-11,day,docs,backup,p2,"), "other days as published")
            let published = try await call(client, .get, "/v1/rosters/2026-12")
            #expect(published.body.contains("2026-12-10,day,docs,backup,p2,") && !published.body.contains("2026-12-10,day,docs,backup,p5,"))
            let wrong = try await call(client, .get, "/v1/rosters/2026-12?in_force=yes")
            #expect(wrong.status == .badRequest && wrong.body.contains("in_force"))
        }
    }

    @Test("a second roster for a month becomes version 2; version 1 stays readable; the one in force answers who covers")
    func republishKeepsTheFirst() async throws {
        let h = try await Harness()
        let first = validRosterCSV(december)
        // The nights' primary and backup swapped: p4 primary, p3 backup.
        let second = first.replacingOccurrences(of: ",night,docs,primary,p3", with: ",night,docs,primary,TMP")
            .replacingOccurrences(of: ",night,docs,backup,p4", with: ",night,docs,backup,p3")
            .replacingOccurrences(of: ",night,docs,primary,TMP", with: ",night,docs,primary,p4")
        try await Application(router: h.api.router()).test(.router) { client in
            do { let s = try await call(client, .get, "/v1/rosters/2026-12").status; #expect(s == .notFound) }
            let v1 = try await call(client, .put, "/v1/rosters/2026-12", body: first, contentType: "text/csv")
            #expect(try jsonObject(v1.body)["version"] as? Int == 1)
            let v2 = try await call(client, .put, "/v1/rosters/2026-12", body: second, contentType: "text/csv")
            #expect(try jsonObject(v2.body)["version"] as? Int == 2, "\(v2.body)")

            let who = try jsonObject(try await call(client, .get, "/v1/oncall?pool=docs&at=2026-12-06T02:00:00%2B09:00").body)
            #expect((who["primary"] as? [[String: Any]])?.first?["member"] as? String == "p4")

            let versions = try await call(client, .get, "/v1/rosters/2026-12/versions")
            let list = try #require(try JSONSerialization.jsonObject(with: Data(versions.body.utf8)) as? [[String: Any]])
            #expect(list.map { $0["version"] as? Int } == [1, 2])
            #expect(list.allSatisfy { $0["duties"] as? Int == december.days.count * 4 && $0["published_by"] as? String == "admin" })
            let old = try await call(client, .get, "/v1/rosters/2026-12/versions/1")
            #expect(old.body.contains("2026-12-05,night,docs,primary,p3"))
            let current = try await call(client, .get, "/v1/rosters/2026-12")
            #expect(current.body.contains("2026-12-05,night,docs,primary,p4"))
            do { let s = try await call(client, .get, "/v1/rosters/2026-12/versions/3").status; #expect(s == .notFound) }
            do { let s = try await call(client, .get, "/v1/rosters/2026-12", token: Harness.facilityToken).status; #expect(s == .forbidden) }
        }
    }

    @Test("a database from before versions were kept: its published rosters become version 1 on upgrade")
    func upgradeBackfillsVersionOne() async throws {
        let dir = try TempDirectory()
        let path = dir.file("old.sqlite")
        do {
            let old = try DatabaseQueue(path: path)
            try SQLiteMigrations.migrator.migrate(old, upTo: "v1-daemon")
            try await old.write { db in
                try db.execute(
                    sql: "INSERT INTO published_roster (month, format, payload, published_at, published_by) VALUES (?, 'csv', ?, ?, 'admin')",
                    arguments: ["2026-11", "date,shift,pool,tier,member\n", Date(timeIntervalSince1970: 5)])
            }
        }
        let store = try SQLiteStore(path: path)
        let versions = try await store.rosterVersions(month: "2026-11")
        #expect(versions.map(\.version) == [1])
        #expect(versions.first?.publishedAt == Date(timeIntervalSince1970: 5))
    }
}
