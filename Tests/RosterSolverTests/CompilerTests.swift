// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import LinearModel
import OncallCalendar
import RosterModel
@testable import RosterSolver
import Testing

/// The linear model of tiny networks, checked without solving.
struct CompilerTests {
    // Three members, nights on 2026-12-01..03, 1 primary + 1 backup, rest 1 day.
    func tiny() throws -> (RosterMonth, CompiledRoster) {
        let network = try Fixtures.network(
            members: [
                "{id: a, facility: f1, role: physician}",
                "{id: b, facility: f2, role: physician, off: [\"2026-12-02\"]}",
                "{id: c, facility: f3, role: physician, skills: [narcotics], prefer_off: [\"2026-12-03\"]}",
                "{id: n, facility: f4, role: nurse}",
            ],
            pools: ["{id: p, role: physician, shifts: [night], primary: 1, backup: 1, require: {primary: [narcotics]}}"],
            holidays: ["2026-12-01", "2026-12-02", "2026-12-03"],
            rules: "{min_rest_days: 1, max_duties: 2}")
        let month = RosterMonth(network: network, month: Fixtures.december)
        let components = Component.split(month)
        #expect(components.count == 1)
        return (month, RosterCompiler.compile(month, components[0]))
    }

    @Test func dutyVariablesExistOnlyForEligibleMembers() throws {
        let (month, compiled) = try tiny()
        #expect(month.poolShifts.count == 3)
        // Primary needs narcotics: only c (3 nights). Backup: a (3), b (2: off on the 2nd), c (3).
        let primaries = compiled.duties.filter { $0.tier == .primary }
        let backups = compiled.duties.filter { $0.tier == .backup }
        #expect(primaries.count == 3)
        #expect(Set(primaries.map(\.member)) == [month.network.memberIndex["c"]!])
        #expect(backups.count == 8)
        #expect(!compiled.duties.contains { $0.member == month.network.memberIndex["n"]! })
        #expect(compiled.model.variables.filter { $0.kind == .binary }.count == 11)
    }

    @Test func coverageRowsAreEqualities() throws {
        let (_, compiled) = try tiny()
        let cover = compiled.model.constraints.filter { $0.name.hasPrefix("cover[") }
        #expect(cover.count == 6)
        #expect(cover.allSatisfy { $0.lower == 1 && $0.upper == 1 })
        #expect(cover.filter { $0.name.contains("primary") }.allSatisfy { $0.terms.count == 1 })
    }

    @Test func restWindowsSpanTwoDays() throws {
        let (_, compiled) = try tiny()
        let rest = compiled.model.constraints.filter { $0.name.hasPrefix("rest[") }
        // a (backup only): windows 12-01..02 and 12-02..03; the last day alone holds one variable.
        // b (off on the 2nd): no two-day window holds two of its variables. c (primary or backup):
        // both windows, and the last day alone (two tiers of one shift).
        #expect(Set(rest.map(\.name)) == [
            "rest[a,2026-12-01]", "rest[a,2026-12-02]", "rest[c,2026-12-01]", "rest[c,2026-12-02]", "rest[c,2026-12-03]",
        ])
        #expect(rest.allSatisfy { $0.upper == 1 })
    }

    @Test func maxDutiesRowOnlyWhereItBinds() throws {
        let (_, compiled) = try tiny()
        let rows = compiled.model.constraints.filter { $0.name.hasPrefix("maxduties[") }.map(\.name)
        // a has 3 possible duties, c has 6, b has 2 (= the limit, so no row).
        #expect(Set(rows) == ["maxduties[a]", "maxduties[c]"])
    }

    @Test func requestCostsSitOnPreferredOffDuties() throws {
        let (month, compiled) = try tiny()
        let c = month.network.memberIndex["c"]!
        for (duty, variable) in zip(compiled.duties, compiled.dutyVariables) {
            let expected = duty.member == c && month.poolShifts[duty.poolShift].date.day == 3 ? 1.0 : 0.0
            #expect(compiled.model.variables[variable.index].objective == expected)
        }
    }

    @Test func fairnessVariablesAreIntegerWithScaledWeights() throws {
        let (_, compiled) = try tiny()
        // Weights 1 (primary) and 0.5 (backup), fte 1: loads are integers after scaling by 2.
        #expect(compiled.loadScale == 2)
        #expect(compiled.integralLoads)
        let high = try #require(compiled.model.variables.first { $0.name == "maxload[p]" })
        let low = try #require(compiled.model.variables.first { $0.name == "minload[p]" })
        #expect(high.kind == .integer && low.kind == .integer)
        #expect(high.objective == 50 && low.objective == -50)
        // Total demand 3 × (1 + 0.5) = 4.5 over 3 members: average 1.5, scaled 3 — max ≥ 3, min ≤ 3.
        #expect(high.lower == 3)
        #expect(low.upper == 3)
    }

    @Test func backupOtherFacilityRowsPairTiers() throws {
        // Two members of one facility: with primary 1 they may not cover the same shift.
        let network = try Fixtures.network(
            members: ["{id: a, facility: f1, role: physician}", "{id: b, facility: f1, role: physician}", "{id: c, facility: f2, role: physician}"],
            pools: ["{id: p, role: physician, shifts: [night], primary: 1, backup: 1}"], holidays: ["2026-12-01"])
        let month = RosterMonth(network: network, month: Fixtures.december)
        let compiled = RosterCompiler.compile(month, Component.split(month)[0])
        let rows = compiled.model.constraints.filter { $0.name.hasPrefix("otherfacility[") }
        #expect(rows.count == 1)
        #expect(rows[0].terms.count == 4 && rows[0].upper == 1)
        let relaxed = RosterCompiler.compile(month, Component.split(month)[0], options: CompileOptions(relaxed: [.backupOtherFacility]))
        #expect(!relaxed.model.constraints.contains { $0.name.hasPrefix("otherfacility[") })
    }

    @Test func allowGapsAddsCostedSlack() throws {
        let (month, _) = try tiny()
        let compiled = RosterCompiler.compile(month, Component.split(month)[0], options: CompileOptions(allowGaps: true))
        let gaps = compiled.model.variables.filter { $0.name.hasPrefix("gap[") }
        #expect(gaps.count == 6)
        #expect(gaps.allSatisfy { $0.objective > 1000 && $0.upper == 1 })
    }

    @Test func componentsSplitOnSharedMembers() throws {
        let network = try Fixtures.network(
            members: [
                "{id: a, facility: f1, role: physician}", "{id: b, facility: f2, role: physician}",
                "{id: c, facility: f3, role: nurse}", "{id: d, facility: f4, role: pharmacist}",
            ],
            pools: [
                "{id: p1, role: physician, facilities: [f1, f2], shifts: [night]}",
                "{id: p2, role: physician, facilities: [f2], shifts: [night]}",
                "{id: n, role: nurse, shifts: [night]}", "{id: r, role: pharmacist, shifts: [night]}",
            ],
            holidays: ["2026-12-01"])
        let month = RosterMonth(network: network, month: Fixtures.december)
        let parts = Component.split(month).map { $0.pools.map { network.pools[$0].id } }
        #expect(parts == [["p1", "p2"], ["n"], ["r"]])
    }

    @Test func heuristicRosterIsAFeasiblePointOfTheModel() throws {
        let network = try NetworkLoader.load(path: Fixtures.packageRoot.appendingPathComponent("Samples/rural.yaml").path)
        let month = RosterMonth(network: network, month: Fixtures.december)
        for component in Component.split(month) {
            let compiled = RosterCompiler.compile(month, component)
            let heuristic = try #require(HeuristicRoster.build(month, component))
            let point = try #require(compiled.point(for: heuristic.state.dutySet))
            #expect(compiled.model.violations(at: point) == [])
            #expect(abs(compiled.model.objective(at: point) - heuristic.objective) < 1e-6)
        }
    }
}
