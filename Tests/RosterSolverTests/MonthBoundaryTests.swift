// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel
import RosterSolver
import Testing

/// A duty on the last night of a month still forbids the first day of the next (min_rest_days).
struct MonthBoundaryTests {
    func network(bOff: Bool = false) throws -> Network {
        try Fixtures.network(
            members: ["{id: a, facility: f1, role: physician}", "{id: b, facility: f2, role: physician\(bOff ? ", off: [\"2026-12-01\"]" : "")}"],
            pools: ["{id: p, role: physician, shifts: [night], primary: 1}"],
            holidays: ["2026-11-30", "2026-12-01"], rules: "{min_rest_days: 1}")
    }

    let november = Roster(
        month: YearMonth(year: 2026, month: 11)!,
        assignments: [Assignment(date: CivilDate("2026-11-30")!, shift: "night", pool: "p", tier: .primary, member: "a")])

    @Test func lastNightOfNovemberBlocksTheFirstOfDecember() async throws {
        let network = try network()
        let month = RosterMonth(network: network, month: Fixtures.december, previous: november)
        #expect(month.candidates(0, .primary).map { network.members[$0].id } == ["b"])
        let solution = try await RosterSolver(solver: GLPKSolverFactory.make(), threads: 1).solve(month)
        #expect(try #require(solution.roster).assignments.map(\.member) == ["b"])
    }

    @Test func checkerSeesRestAcrossTheBoundary() throws {
        let network = try network()
        let december = Roster(
            month: Fixtures.december,
            assignments: [Assignment(date: CivilDate("2026-12-01")!, shift: "night", pool: "p", tier: .primary, member: "a")])
        let withPrevious = RosterChecker.check(december, in: RosterMonth(network: network, month: Fixtures.december, previous: november))
        #expect(withPrevious.map(\.rule) == [.minRestDays])
        #expect(withPrevious.first?.message.contains("2026-11-30") == true)
        #expect(RosterChecker.check(december, in: RosterMonth(network: network, month: Fixtures.december)) == [])
    }

    @Test func explanationNamesThePreviousMonthsDuty() async throws {
        let network = try network(bOff: true)
        let month = RosterMonth(network: network, month: Fixtures.december, previous: november)
        let solution = try await RosterSolver(solver: GLPKSolverFactory.make(), threads: 1).solve(month)
        #expect(solution.status == .infeasible)
        let text = try #require(solution.infeasibility?.slots.first?.description)
        #expect(text.contains("a rest after 2026-11-30 (previous month)"), "\(text)")
        #expect(text.contains("b off"))
    }
}
