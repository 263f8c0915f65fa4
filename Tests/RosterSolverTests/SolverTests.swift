// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GLPKBackend
import LinearModel
import OncallCalendar
import RosterModel
import RosterSolver
import Testing

/// Whole solves through GLPK, each roster checked by the independent checker.
struct SolverTests {
    @Test func partTimerTakesHalfTheLoad() async throws {
        // Three nights, weight 1, primary only, no rest rule. a full time, b half time: the only
        // roster with equal normalised loads gives a two nights and b one (2/1 = 1/0.5).
        let network = try Fixtures.network(
            members: ["{id: a, facility: f1, role: physician}", "{id: b, facility: f2, role: physician, fte: 0.5}"],
            pools: ["{id: p, role: physician, shifts: [night], primary: 1}"],
            holidays: ["2026-12-01", "2026-12-02", "2026-12-03"])
        let solution = try await Fixtures.solve(network)
        #expect(solution.status == .optimal)
        #expect(solution.objective == 0)
        let roster = try #require(solution.roster)
        #expect(roster.assignments.filter { $0.member == "a" }.count == 2)
        #expect(roster.assignments.filter { $0.member == "b" }.count == 1)
    }

    @Test func requestsDecideBetweenEquallyFairRosters() async throws {
        // Three nights for two members: loads 2 and 1 whatever happens (spread 1, objective ≥ 100).
        // a asks for the 1st and 2nd off: the optimum gives a only the 3rd… but then b has two and a one:
        // spread still 1, no request broken: objective exactly 100.
        let network = try Fixtures.network(
            members: [
                "{id: a, facility: f1, role: physician, prefer_off: [\"2026-12-01..2026-12-02\"]}",
                "{id: b, facility: f2, role: physician}",
            ],
            pools: ["{id: p, role: physician, shifts: [night], primary: 1}"],
            holidays: ["2026-12-01", "2026-12-02", "2026-12-03"])
        let solution = try await Fixtures.solve(network)
        #expect(solution.status == .optimal)
        #expect(solution.objective == 100)
        let a = try #require(solution.roster).assignments.filter { $0.member == "a" }
        #expect(a.map(\.date.day) == [3])
        #expect(solution.measures?.requestsBroken == 0)
    }

    @Test func historyIsEvenedOut() async throws {
        // a carries 2 nights from earlier months; four nights this month: b and c should take them
        // so that all end at 2: a 0, b 2, c 2 — spread 0.
        let network = try Fixtures.network(
            members: ["{id: a, facility: f1, role: physician}", "{id: b, facility: f2, role: physician}", "{id: c, facility: f3, role: physician}"],
            pools: ["{id: p, role: physician, shifts: [night], primary: 1}"],
            holidays: ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"], history: "{a: 2}")
        let solution = try await Fixtures.solve(network)
        #expect(solution.status == .optimal)
        #expect(solution.objective == 0)
        #expect(try #require(solution.roster).assignments.allSatisfy { $0.member != "a" })
    }

    @Test func latticeBoundProvesAnUnevenSplit() async throws {
        // Three hospital physicians share 31 nights: 10, 10, 11 — the spread of 1 cannot be beaten,
        // and that must be proven, not merely found.
        let nights = (1...31).map { String(format: "2026-12-%02d", $0) }
        let network = try Fixtures.network(
            members: (1...3).map { "{id: h\($0), facility: f\($0), role: physician}" },
            pools: ["{id: hosp, role: physician, shifts: [night], primary: 1}"], holidays: nights, rules: "{min_rest_days: 1}")
        let solution = try await Fixtures.solve(network)
        #expect(solution.status == .optimal)
        #expect(solution.objective == 100)
        #expect(solution.measures?.pools.first?.spread == 1)
    }

    @Test(arguments: 1...6)
    func randomNetworksGiveValidRosters(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        let days = (1...Int.random(in: 6...12, using: &random)).map { String(format: "2026-12-%02d", $0) }
        let memberCount = Int.random(in: 7...11, using: &random)
        var members: [String] = []
        for i in 1...memberCount {
            let role = i % 4 == 0 ? "nurse" : "physician"
            let off = Bool.random(using: &random) ? ", off: [\"\(days.randomElement(using: &random)!)\"]" : ""
            let skills = i % 2 == 0 ? ", skills: [narcotics]" : ""
            let fte = i == 3 ? ", fte: 0.5" : ""
            members.append("{id: m\(i), facility: f\((i % 12) + 1), role: \(role)\(off)\(skills)\(fte)}")
        }
        // Two overlapping physician pools (one component) and a nurse pool.
        let pools = [
            "{id: all, role: physician, shifts: [night], primary: 1, backup: 1, require: {primary: [narcotics]}}",
            "{id: east, role: physician, facilities: [f1, f2, f3, f5, f6, f7], shifts: [night], primary: 1}",
            "{id: nurses, role: nurse, shifts: [night], primary: 1}",
        ]
        let network = try Fixtures.network(
            members: members, pools: pools, holidays: days, rules: "{max_duties_per_day: 2, min_rest_days: 0, backup_weight: 0.5}")
        let solution = try await Fixtures.solve(network, seconds: 15)
        let month = RosterMonth(network: network, month: Fixtures.december)
        switch solution.status {
        case .optimal, .feasible:
            let roster = try #require(solution.roster)
            #expect(RosterChecker.check(roster, in: month) == [])
            let measures = LoadMeasures(roster: roster, month: month)
            #expect(abs(measures.objective - (solution.objective ?? -1)) < 1e-6)
        case .infeasible:
            // Then the explanation must name something concrete.
            let report = try #require(solution.infeasibility)
            #expect(!report.slots.isEmpty || !report.conflictingRules.isEmpty)
        case .timeLimitNoRoster:
            Issue.record("no roster for a small network in 15 s")
        }
    }

    @Test func ruralSampleSolvesOptimally() async throws {
        let network = try NetworkLoader.load(path: Fixtures.packageRoot.appendingPathComponent("Samples/rural.yaml").path)
        for month in ["2026-12"] {
            let solution = try await Fixtures.solve(network, month: YearMonth(month)!, seconds: 20)
            #expect(solution.status == .optimal, "\(month)")
            #expect(solution.status == .optimal || solution.status == .feasible, "\(month)")
            let roster = try #require(solution.roster)
            #expect(RosterChecker.check(roster, in: RosterMonth(network: network, month: YearMonth(month)!)) == [])
        }
    }
}
