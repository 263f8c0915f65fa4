// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel
import Testing

/// `oncall roster solve` and `roster check`, run in-process. Serialized: the solves share two cores.
@Suite("oncall roster", .serialized)
struct RosterCommandTests {
    // MARK: - Bad input

    @Test("a bad network file exits 2, names file:line on stderr and writes no roster")
    func badNetwork() async throws {
        let scratch = try Scratch()
        // Line 19 is member e; c9 is no facility.
        let text = tinyNetworkYAML.replacingOccurrences(of: "{id: e, facility: c2,", with: "{id: e, facility: c9,")
        #expect(text != tinyNetworkYAML)
        let network = try scratch.write("bad.yaml", text)
        let result = await oncall(["roster", "solve", network, "--month", "2026-06", "--out", scratch.path("out.csv"), "--quiet"])
        #expect(result.code == 2)
        #expect(result.err.contains("\(network):19:"), "\(result.err)")
        #expect(result.err.contains("members[4].facility"))
        #expect(!scratch.exists("out.csv"))

        let roster = try scratch.write("roster.csv", validTinyCSV)
        let check = await oncall(["roster", "check", network, roster, "--month", "2026-06"])
        #expect(check.code == 2)
        #expect(check.err.contains("\(network):19:"))
    }

    @Test("a missing network file exits 2")
    func missingNetwork() async throws {
        let scratch = try Scratch()
        let result = await oncall(["roster", "solve", scratch.path("nowhere.yaml"), "--month", "2026-06", "--out", scratch.path("out.csv")])
        #expect(result.code == 2)
        #expect(result.err.contains(scratch.path("nowhere.yaml")))
    }

    @Test("an unknown option, a bad month or a bad --time-limit exits 2")
    func badArguments() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let unknown = await oncall(["roster", "solve", network, "--month", "2026-06", "--no-such-option"])
        #expect(unknown.code == 2)
        #expect(unknown.err.contains("no-such-option"))
        #expect(await oncall(["roster", "solve", network, "--month", "2026-13"]).code == 2)
        #expect(await oncall(["roster", "solve", network, "--month", "2026-06", "--time-limit", "0"]).code == 2)
        #expect(await oncall(["roster", "frobnicate"]).code == 2)
        #expect(!scratch.exists("roster.csv"))
    }

    @Test("roster check of a CSV with a bad line exits 2 naming the CSV line")
    func badCSV() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        // Line 4: pool "dogs".
        let roster = try scratch.write("roster.csv", validTinyCSV.replacingOccurrences(of: "2026-06-10,night,nights", with: "2026-06-10,night,dogs"))
        let result = await oncall(["roster", "check", network, roster, "--month", "2026-06"])
        #expect(result.code == 2)
        #expect(result.err.contains("\(roster):4:"), "\(result.err)")
    }

    @Test("roster check of 40,000 rows with unknown members lists the first 20 and counts the rest")
    func checkManyBadRows() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let rows = (0..<40_000).map { "2026-06-10,day,docs,primary,zz\($0)" }
        let roster = try scratch.write("roster.csv", "date,shift,pool,tier,member\n" + rows.joined(separator: "\n") + "\n")
        let result = await oncall(["roster", "check", network, roster, "--month", "2026-06"])
        #expect(result.code == 2)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 21, "\(lines.prefix(3)) … \(lines.suffix(2))")
        #expect(lines.first?.hasPrefix("\(roster):2: member: unknown member \"zz0\"") == true)
        #expect(lines.last?.contains("… and 39980 more rows with errors") == true, "\(lines.last ?? "")")
    }

    // MARK: - Check

    @Test("roster check of the hand-made roster exits 0")
    func checkValid() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let roster = try scratch.write("roster.csv", validTinyCSV)
        let result = await oncall(["roster", "check", network, roster, "--month", "2026-06"])
        #expect(result.code == 0, "\(result.out)\(result.err)")
        #expect(result.out.contains("valid"))
    }

    @Test("roster check of a roster that breaks a rule exits 1 and lists the violation with its CSV line")
    func checkBroken() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        // Line 7: d takes the 11th's night, a day d is off.
        let csv = validTinyCSV.replacingOccurrences(of: "2026-06-11,night,nights,primary,e", with: "2026-06-11,night,nights,primary,d")
        #expect(csv.split(separator: "\n")[6] == "2026-06-11,night,nights,primary,d")
        let roster = try scratch.write("roster.csv", csv)
        let result = await oncall(["roster", "check", network, roster, "--month", "2026-06"])
        #expect(result.code == 1)
        let violationLines = result.outLines.filter { $0.contains("[off]") }
        #expect(violationLines.count == 1, "\(result.out)")
        #expect(violationLines.first?.contains("line 7") == true)
        #expect(violationLines.first?.contains("2026-06-11") == true)
        #expect(!result.out.contains("[coverage]"), "the 11th's night is still covered")
    }

    // MARK: - Solve

    @Test("roster solve of the tiny network exits 0 and writes a roster that roster check accepts")
    func solveAndCheck() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let out = scratch.path("roster.csv")
        let solve = await oncall(["roster", "solve", network, "--month", "2026-06", "--out", out, "--time-limit", "10", "--quiet"])
        #expect(solve.code == 0, "\(solve.out)\(solve.err)")
        let csv = try scratch.read("roster.csv")
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first?.prefix(5) == ["date", "shift", "pool", "tier", "member"])
        let duties = rows.dropFirst()
        // Three dates, each with a docs primary and backup and a nights primary.
        #expect(duties.count == 9)
        for day in ["2026-06-10", "2026-06-11", "2026-06-12"] {
            let ofDay = duties.filter { $0[0] == day }
            #expect(ofDay.count == 3)
            let primary = ofDay.filter { $0[1] == "day" && $0[2] == "docs" && $0[3] == "primary" }
            #expect(primary.count == 1)
            #expect(["a", "b"].contains(primary.first?[4] ?? ""), "only a and b hold narcotics")
            #expect(Set(ofDay.map { $0[4] }).count == 3, "one duty a day each")
        }
        #expect(!duties.contains { $0[0] == "2026-06-11" && $0[4] == "d" }, "d is off on the 11th")

        let check = await oncall(["roster", "check", network, out, "--month", "2026-06"])
        #expect(check.code == 0, "\(check.out)")
    }

    @Test("roster solve --json writes status, pools, members and assignments; the fairness optimum is spread 2")
    func solveJSON() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let result = await oncall([
            "roster", "solve", network, "--month", "2026-06", "--out", scratch.path("roster.csv"), "--json", scratch.path("roster.json"),
            "--time-limit", "10", "--quiet",
        ])
        #expect(result.code == 0, "\(result.out)\(result.err)")
        let data = try Data(contentsOf: URL(fileURLWithPath: scratch.path("roster.json")))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["status", "pools", "members", "assignments"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        #expect(object["status"] as? String == "optimal")
        let assignments = try #require(object["assignments"] as? [[String: Any]])
        #expect(assignments.count == 9)
        #expect(assignments.allSatisfy { a in ["date", "shift", "pool", "tier", "member"].allSatisfy { a[$0] is String } })
        let members = try #require(object["members"] as? [[String: Any]])
        #expect(members.compactMap { $0["id"] as? String } == ["a", "b", "c", "d", "e"])
        // By hand: the three docs primaries (weight 2) go to a and b; b (fte 0.5) with one has
        // normalised load 4, so a has two (4) and c, d, e share the six weight-1 duties (2 each).
        // No roster does better: the maximum is at least 4 and c, d, e cannot all reach 3.
        let pools = try #require(object["pools"] as? [[String: Any]])
        #expect(pools.compactMap { $0["id"] as? String } == ["docs", "nights"])
        for pool in pools {
            #expect(abs((pool["spread"] as? Double ?? .nan) - 2) < 1e-9, "\(pool)")
            #expect(abs((pool["max"] as? Double ?? .nan) - 4) < 1e-9)
            #expect(abs((pool["min"] as? Double ?? .nan) - 2) < 1e-9)
        }
        let objective = try #require(object["objective"] as? Double)
        #expect(abs(objective - 100 * (2 + 2)) < 1e-6, "fairness 100 × (2 + 2)")
    }

    // MARK: - Infeasible

    /// Two clinics' physicians, one pool needing a primary on `day`, which runs on the extra holidays.
    private func smallNetwork(holidays: String, members: String, pool: String, rules: String = "{}") -> String {
        """
        name: small
        calendar: {holidays: jp, extra_holidays: [\(holidays)]}
        shifts:
          - {id: day, start: "09:00", end: "18:00", on: [holiday]}
        facilities:
          - {id: c1, kind: clinic}
          - {id: c2, kind: clinic}
        members:
        \(members)
        pools:
          - \(pool)
        rules: \(rules)

        """
    }

    @Test("a date where everyone is off exits 3, explains date, shift, pool and each member's reason, writes nothing")
    func everyoneOff() async throws {
        let scratch = try Scratch()
        let network = try everyoneOffOnThe11th(scratch)
        let result = await oncall([
            "roster", "solve", network, "--month", "2026-06", "--out", scratch.path("roster.csv"), "--json", scratch.path("roster.json"),
            "--time-limit", "10", "--quiet",
        ])
        #expect(result.code == 3, "\(result.out)\(result.err)")
        let explained = result.outLines.filter { $0.contains("2026-06-11") }
        #expect(explained.count == 1, "\(result.out)")
        let line = explained.first ?? ""
        #expect(line.contains("day"))
        #expect(line.contains("docs"))
        #expect(line.contains("primary"))
        #expect(line.contains("kato off"))
        #expect(line.contains("sato off"))
        #expect(!result.out.contains("2026-06-10"), "the 10th can be covered")
        #expect(!scratch.exists("roster.csv"))
        #expect(!scratch.exists("roster.json"))
    }

    /// Two physicians, both off on 2026-06-11's day shift: that duty cannot be covered.
    func everyoneOffOnThe11th(_ scratch: Scratch) throws -> String {
        try scratch.write("off.yaml", smallNetwork(
            holidays: "2026-06-10, 2026-06-11",
            members: """
                  - {id: kato, facility: c1, role: physician, off: ["2026-06-11"]}
                  - {id: sato, facility: c2, role: physician, off: ["2026-06-11/day"]}
                """,
            pool: "{id: docs, role: physician, shifts: [day], primary: 1}"))
    }

    @Test("--allow-gaps writes the roster with its holes listed and exits 5, so a script can tell it from a whole one")
    func allowGapsExitsFive() async throws {
        let scratch = try Scratch()
        let network = try everyoneOffOnThe11th(scratch)
        let result = await oncall([
            "roster", "solve", network, "--month", "2026-06", "--out", scratch.path("roster.csv"), "--time-limit", "10", "--quiet", "--allow-gaps",
        ])
        #expect(result.code == 5, "\(result.out)\(result.err)")
        #expect(result.out.contains("UNCOVERED (1 duty;"), "\(result.out)")
        #expect(scratch.exists("roster.csv"), "the roster is written, holes and all")
    }

    @Test("a pool needing primary and backup from a single member exits 3 and names the missing backup")
    func singleMember() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("solo.yaml", smallNetwork(
            holidays: "2026-06-10",
            members: "  - {id: solo, facility: c1, role: physician}",
            pool: "{id: docs, role: physician, shifts: [day], primary: 1, backup: 1, backup_other_facility: false}"))
        let result = await oncall(["roster", "solve", network, "--month", "2026-06", "--out", scratch.path("roster.csv"), "--quiet"])
        #expect(result.code == 3, "\(result.out)\(result.err)")
        let line = result.outLines.first { $0.contains("2026-06-10") } ?? ""
        #expect(line.contains("docs"))
        #expect(line.contains("backup"))
        #expect(line.contains("solo"))
        #expect(!scratch.exists("roster.csv"))
    }

    @Test(
        "the single member's reason is that they cannot be their own backup")
    func singleMemberReason() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("solo.yaml", smallNetwork(
            holidays: "2026-06-10",
            members: "  - {id: solo, facility: c1, role: physician}",
            pool: "{id: docs, role: physician, shifts: [day], primary: 1, backup: 1, backup_other_facility: false}"))
        let result = await oncall(["roster", "solve", network, "--month", "2026-06", "--out", scratch.path("roster.csv"), "--quiet"])
        let line = result.outLines.first { $0.contains("2026-06-10") } ?? ""
        #expect(!line.contains("solo available"), "\(line)")
    }

    @Test("a month that only max_duties makes impossible exits 3 and names the rule")
    func ruleConflict() async throws {
        // Three dates, one primary each, two members with at most one duty: 3 > 2.
        let scratch = try Scratch()
        let network = try scratch.write("max.yaml", smallNetwork(
            holidays: "2026-06-10, 2026-06-11, 2026-06-12",
            members: """
                  - {id: kato, facility: c1, role: physician}
                  - {id: sato, facility: c2, role: physician}
                """,
            pool: "{id: docs, role: physician, shifts: [day], primary: 1}",
            rules: "{max_duties: 1}"))
        let result = await oncall(["roster", "solve", network, "--month", "2026-06", "--out", scratch.path("roster.csv"), "--time-limit", "10", "--quiet"])
        #expect(result.code == 3, "\(result.out)\(result.err)")
        #expect(result.out.contains("max_duties"))
        #expect(result.out.contains("docs"))
        #expect(!scratch.exists("roster.csv"))
        // With two duties allowed it can be done.
        let relaxed = try scratch.write("max2.yaml", try scratch.read("max.yaml").replacingOccurrences(of: "{max_duties: 1}", with: "{max_duties: 2}"))
        let ok = await oncall(["roster", "solve", relaxed, "--month", "2026-06", "--out", scratch.path("roster.csv"), "--time-limit", "10", "--quiet"])
        #expect(ok.code == 0, "\(ok.out)\(ok.err)")
        #expect(scratch.exists("roster.csv"))
    }

    // MARK: - Sample

    @Test("the solver's roster for Samples/rural.yaml, 2027-01, passes roster check")
    func rural() async throws {
        let scratch = try Scratch()
        let network = packageRoot().appendingPathComponent("Samples/rural.yaml").path
        let out = scratch.path("rural.csv")
        let solve = await oncall(["roster", "solve", network, "--month", "2027-01", "--out", out, "--time-limit", "20", "--quiet"])
        #expect(solve.code == 0, "\(solve.out)\(solve.err)")
        let check = await oncall(["roster", "check", network, out, "--month", "2027-01"])
        #expect(check.code == 0, "\(check.out)")
        // 2027-01: 31 nights; holiday day shifts on Jan 1–3 (year-end), 11 (成人の日), and Sundays 10, 17, 24, 31 → 8.
        // physicians 2 × 39, nurses 39, pharmacies 2 × 39, hospital 31.
        let rows = try scratch.read("rural.csv").split(separator: "\n").dropFirst()
        let expected: Int = 2 * 39 + 39 + 2 * 39 + 31
        #expect(rows.count == expected)
    }
}
