// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel
import RosterSolver
import Testing

/// Months with no roster are explained in the domain's words.
struct InfeasibilityTests {
    @Test func everyoneOffIsFoundWithoutSolving() async throws {
        let network = try Fixtures.network(
            members: [
                "{id: rx0, facility: f1, role: pharmacist, skills: [narcotics], off: [\"2026-12-02\"]}",
                "{id: rx1, facility: f2, role: pharmacist}",
                "{id: rx2, facility: f3, role: pharmacist, skills: [narcotics], off: [\"2026-12-02/night\"]}",
            ],
            pools: ["{id: pharmacy, role: pharmacist, shifts: [night], primary: 1, require: {primary: [narcotics]}}"],
            holidays: ["2026-12-01", "2026-12-02"])
        let solution = try await Fixtures.solve(network)
        #expect(solution.status == .infeasible)
        #expect(solution.roster == nil)
        let report = try #require(solution.infeasibility)
        #expect(report.slots.count == 1)
        let text = report.slots[0].description
        #expect(text.hasPrefix("2026-12-02 night, pool pharmacy: needs 1 primary with skill narcotics;"))
        #expect(text.contains("rx0 off") && text.contains("rx2 off") && text.contains("rx1 lacks narcotics"))
    }

    @Test func restRuleConflictIsNamed() async throws {
        // Primary + backup every night for three nights, three members, one day of rest:
        // night 1 takes two members, night 2 only has the third. Only min_rest_days is to blame.
        let network = try Fixtures.network(
            members: (1...3).map { "{id: m\($0), facility: f\($0), role: physician}" },
            pools: ["{id: p, role: physician, shifts: [night], primary: 1, backup: 1}"],
            holidays: ["2026-12-01", "2026-12-02", "2026-12-03"], rules: "{min_rest_days: 1}")
        let solution = try await Fixtures.solve(network)
        #expect(solution.status == .infeasible)
        let report = try #require(solution.infeasibility)
        #expect(report.conflictingRules == [.minRestDays])
        #expect(report.relaxingAnyOneHelps == [.minRestDays])
        #expect(!report.slots.isEmpty)
        #expect(report.slots.contains { $0.description.contains("rest after") || $0.description.contains("rest before") })
    }

    @Test func allowGapsListsUncoveredShiftsInstead() async throws {
        let network = try Fixtures.network(
            members: (1...3).map { "{id: m\($0), facility: f\($0), role: physician}" },
            pools: ["{id: p, role: physician, shifts: [night], primary: 1, backup: 1}"],
            holidays: ["2026-12-01", "2026-12-02", "2026-12-03"], rules: "{min_rest_days: 1}")
        let solution = try await Fixtures.solve(network, allowGaps: true)
        #expect(solution.status == .optimal || solution.status == .feasible)
        let roster = try #require(solution.roster)
        // 6 duties needed; at most 5 can be given: two members on the 1st and the 3rd, the third member
        // alone on the 2nd (anyone working the 2nd rests on the 1st and the 3rd). One backup stays uncovered.
        #expect(roster.assignments.count == 5)
        #expect(solution.uncovered.reduce(0) { $0 + $1.missing } == 1)
        #expect(solution.uncovered.first?.tier == .backup)
        #expect(solution.uncovered.first?.date == "2026-12-02")
        #expect(!solution.uncovered.isEmpty)
    }
}
