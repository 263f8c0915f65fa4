// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel
import Testing

/// `oncall fairness` and `oncall roster solve-year`, run in-process.
///
/// The tiny network's hand-made roster (day 2, night 1, backup × 0.5): loads a 4, b 3 (fte 0.5:
/// normalised 6), c 2, d 1, e 2; both pools hold a … e: total 12, fte 4.5, spread 6 − 1 = 5.
@Suite("oncall fairness", .serialized)
struct FairnessCommandTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func setUp(_ scratch: Scratch, roster: String = validTinyCSV) throws -> (network: String, roster: String) {
        (try scratch.write("tiny.yaml", tinyNetworkYAML), try scratch.write("roster.csv", roster))
    }

    @Test("table: pools then members, one row per member and pool")
    func table() async throws {
        let scratch = try Scratch()
        let (network, roster) = try setUp(scratch)
        let result = await oncall(["fairness", network, roster, "--month", "2026-06"])
        #expect(result.code == 0, "\(result.err)")
        let docs = try #require(result.outLines.first { $0.hasPrefix("docs ") })
        #expect(docs.split(separator: " ").prefix(3) == ["docs", "5", "5.00"])
        #expect(result.outLines.filter { $0.hasPrefix("b ") }.count == 2)
    }

    @Test("json: pools, members with targets, and a history that --history reads back")
    func jsonAndHistory() async throws {
        let scratch = try Scratch()
        let (network, roster) = try setUp(scratch)
        let result = await oncall(["fairness", network, roster, "--month", "2026-06", "--format", "json"])
        #expect(result.code == 0, "\(result.err)")
        let top = try json(result.out)
        let pools = try #require(top["pools"] as? [[String: Any]])
        #expect(pools.map { $0["id"] as? String } == ["docs", "nights"])
        #expect(pools[0]["spread"] as? Double == 5)
        #expect(pools[0]["jain"] != nil && pools[0]["gini"] != nil && pools[0]["stddev"] != nil)
        let members = try #require(top["members"] as? [[String: Any]])
        let b = try #require(members.first { $0["id"] as? String == "b" && $0["pool"] as? String == "docs" })
        #expect(b["load"] as? Double == 3)
        #expect(b["normalized_load"] as? Double == 6)
        #expect(b["target"] as? Double == 1.333333, "12 / 4.5 × 0.5")
        #expect(b["primary"] as? Int == 2)
        #expect((top["history"] as? [String: Double])?["a"] == 4)

        // Next month's history: every load carried once, so a second identical month doubles it.
        let history = try scratch.write("june.json", result.out)
        let next = await oncall(["fairness", network, roster, "--month", "2026-06", "--format", "json", "--history", history])
        #expect(next.code == 0, "\(next.err)")
        let carried = try json(next.out)
        #expect((carried["history"] as? [String: Double])?["a"] == 8)
        #expect((carried["history"] as? [String: Double])?["b"] == 6)
    }

    @Test("csv: a pool table and a member table with the column keys as headers")
    func csv() async throws {
        let scratch = try Scratch()
        let (network, roster) = try setUp(scratch)
        let result = await oncall(["fairness", network, roster, "--month", "2026-06", "--format", "csv"])
        #expect(result.code == 0)
        #expect(result.outLines.first?.hasPrefix("pool,member_count,spread,stddev,gini,jain") == true)
        #expect(result.outLines.contains { $0.hasPrefix("member,pool,fte,primary,backup,nights") })
        #expect(result.outLines.contains("docs,5,5.00,1.79,0.320,0.738,1.00,6.00,2.67,12.00,0,0,—"))
    }

    @Test("html: a printable page with the SVG chart, in Japanese by default for Asia/Tokyo and in English on request")
    func html() async throws {
        let scratch = try Scratch()
        let (network, roster) = try setUp(scratch)
        let ja = await oncall(["fairness", network, roster, "--month", "2026-06", "--format", "html"])
        #expect(ja.code == 0)
        #expect(ja.out.hasPrefix("<!DOCTYPE html>"))
        #expect(ja.out.contains("<html lang=\"ja\">"))
        #expect(ja.out.contains("<svg"))
        #expect(ja.out.contains("@media print"))
        #expect(ja.out.contains("ジニ係数"))
        #expect(ja.out.contains("公平な目標"))
        #expect(!ja.out.contains("<script"))
        let en = await oncall(["fairness", network, roster, "--month", "2026-06", "--format", "html", "--lang", "en"])
        #expect(en.out.contains("<html lang=\"en\">"))
        #expect(en.out.contains("fair target"))
        #expect(en.out.contains("<svg"))
    }

    @Test("--compare: every figure of A and B with B − A")
    func compare() async throws {
        let scratch = try Scratch()
        let (network, roster) = try setUp(scratch)
        // B: c takes d's night on the 12th. Normalised loads 4, 6, 3, 0, 2: spread 6.
        let other = try scratch.write("b.csv", validTinyCSV.replacingOccurrences(of: "2026-06-12,night,nights,primary,d", with: "2026-06-12,night,nights,primary,c"))
        let text = await oncall(["fairness", network, roster, "--month", "2026-06", "--compare", other])
        #expect(text.code == 0, "\(text.err)")
        let spread = try #require(text.outLines.first { $0.hasPrefix("docs") && $0.contains("spread") })
        #expect(spread.split(separator: " ") == ["docs", "spread", "5.00", "6.00", "+1.00"])
        #expect(text.outLines.contains { $0.split(separator: " ") == ["d", "nights", "load", "1.00", "0.00", "-1.00"] })

        let data = await oncall(["fairness", network, roster, "--month", "2026-06", "--compare", other, "--format", "json"])
        let top = try json(data.out)
        let difference = try #require(top["difference"] as? [String: Any])
        let pools = try #require(difference["pools"] as? [[String: Any]])
        #expect(pools.first { $0["id"] as? String == "docs" }?["spread"] as? Double == 1)
        #expect((top["a"] as? [String: Any])?["file"] as? String == roster)
    }

    @Test("a CSV naming an unknown member exits 2 with its line")
    func badLine() async throws {
        let scratch = try Scratch()
        // Line 5: member zz.
        let (network, roster) = try setUp(scratch, roster: validTinyCSV.replacingOccurrences(of: "2026-06-11,day,docs,primary,b", with: "2026-06-11,day,docs,primary,zz"))
        let result = await oncall(["fairness", network, roster, "--month", "2026-06"])
        #expect(result.code == 2)
        #expect(result.err.contains("\(roster):5:"), "\(result.err)")
        #expect(result.err.contains("unknown member"))
    }

    @Test("a roster that breaks hard rules is measured, its violations listed first with their lines")
    func brokenRules() async throws {
        let scratch = try Scratch()
        // Line 7: d works the 11th, a day off.
        let (network, roster) = try setUp(scratch, roster: validTinyCSV.replacingOccurrences(of: "2026-06-11,night,nights,primary,e", with: "2026-06-11,night,nights,primary,d"))
        let result = await oncall(["fairness", network, roster, "--month", "2026-06"])
        #expect(result.code == 0)
        let violation = try #require(result.outLines.firstIndex { $0.contains("line 7:") && $0.contains("[off]") })
        let pools = try #require(result.outLines.firstIndex { $0.hasPrefix("pool ") })
        #expect(violation < pools)
        #expect(result.outLines.contains { $0.hasPrefix("docs ") })
        let data = await oncall(["fairness", network, roster, "--month", "2026-06", "--format", "json"])
        let violations = try #require(try json(data.out)["violations"] as? [[String: Any]])
        #expect(violations.contains { $0["rule"] as? String == "off" && $0["lines"] as? [Int] == [7] })
    }

    @Test("a --history file without a history object exits 2")
    func badHistory() async throws {
        let scratch = try Scratch()
        let (network, roster) = try setUp(scratch)
        let history = try scratch.write("h.json", "{\"members\": []}")
        let result = await oncall(["fairness", network, roster, "--month", "2026-06", "--history", history])
        #expect(result.code == 2)
        #expect(result.err.contains(history))
        #expect(result.err.contains("history"))
        let solve = await oncall(["roster", "solve", network, "--month", "2026-06", "--history", history, "--out", scratch.path("o.csv"), "--quiet"])
        #expect(solve.code == 2)
    }

    /// Three identical members, one pool, one primary on two extra holidays a month: 24 duties in
    /// 2027, so a year kept fair gives each exactly 8 — even though a month alone (2 duties for 3
    /// members) can never be even.
    @Test("solve-year carries loads month to month: the year ends even")
    func solveYear() async throws {
        let scratch = try Scratch()
        let holidays = (1...12).flatMap { m in [10, 20].map { String(format: "2027-%02d-%02d", m, $0) } }
        let network = try scratch.write("three.yaml", """
            name: three
            timezone: Asia/Tokyo
            calendar: {holidays: none, year_end: false, extra_holidays: [\(holidays.joined(separator: ", "))]}
            shifts:
              - {id: duty, start: "09:00", end: "18:00", on: [holiday], weight: 1}
            facilities:
              - {id: c1, kind: clinic}
              - {id: c2, kind: clinic}
              - {id: c3, kind: clinic}
            members:
              - {id: a, facility: c1, role: physician}
              - {id: b, facility: c2, role: physician}
              - {id: c, facility: c3, role: physician}
            pools:
              - {id: docs, role: physician, shifts: [duty], primary: 1}

            """)
        let dir = scratch.path("year")
        let result = await oncall(["roster", "solve-year", network, "--year", "2027", "--out-dir", dir, "--time-limit", "10", "--quiet"])
        #expect(result.code == 0, "\(result.out)\(result.err)")
        for m in 1...12 { #expect(FileManager.default.fileExists(atPath: dir + String(format: "/2027-%02d.csv", m))) }
        let report = try json(try String(contentsOfFile: dir + "/year-fairness.json", encoding: .utf8))
        #expect(report["history"] as? [String: Double] == ["a": 8, "b": 8, "c": 8])
        #expect((report["pools"] as? [[String: Any]])?.first?["spread"] as? Double == 0)
        #expect(result.out.contains("2027-12"))

        // The yearly report is a history file for the next solve.
        let next = await oncall(["roster", "solve", network, "--month", "2027-01", "--history", dir + "/year-fairness.json", "--out", scratch.path("next.csv"), "--quiet"])
        #expect(next.code == 0, "\(next.err)")
    }
}
