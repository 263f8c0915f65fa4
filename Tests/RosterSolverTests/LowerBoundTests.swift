// SPDX-License-Identifier: GPL-3.0-or-later
import LinearModel
import OncallCalendar
import RosterModel
@testable import RosterSolver
import Testing

/// The combinatorial bounds on a pool's spread, worked out by hand.
struct LowerBoundTests {
    /// Eleven physicians (one half-time) cover December 2026: 31 nights and 7 holiday days
    /// (Sundays 6, 13, 20, 27 and year-end 29–31), each 1 primary + 1 backup.
    func december() throws -> (RosterMonth, CompiledRoster) {
        let facilities = (1...11).map { "  - {id: c\($0), kind: clinic, district: d}" }
        let members = (1...11).map { i in
            "{id: d\(i), facility: c\(i), role: physician\(i == 3 ? ", fte: 0.5, max_duties: 4" : "")}"
        }
        let yaml = """
            name: parity
            calendar: {holidays: jp, year_end: true}
            shifts:
              - {id: night, start: "18:00", end: "09:00", on: [weekday, saturday, sunday, holiday], weight: 1.0}
              - {id: holiday-day, start: "09:00", end: "18:00", on: [sunday, holiday], weight: 1.5}
            districts: [{id: d}]
            facilities:
            \(facilities.joined(separator: "\n"))
            members:
            \(members.map { "  - " + $0 }.joined(separator: "\n"))
            pools:
              - {id: phys, role: physician, shifts: [night, holiday-day], primary: 1, backup: 1}
            rules: {max_duties: 9, min_rest_days: 1, max_holiday_duties: 4}
            history: {d1: 3.5}
            """
        let network = try NetworkLoader.parse(yaml, file: "parity.yaml")
        let month = RosterMonth(network: network, month: YearMonth(year: 2026, month: 12)!)
        return (month, RosterCompiler.compile(month, Component.split(month)[0], options: CompileOptions(boundBudget: .seconds(30))))
    }

    @Test func dutyKindsProveWhatLoadSumsCannot() throws {
        // Loads are multiples of 0.25 (scale 4). Total 65.75 over 10.5 fte: average 6.26, so loads
        // alone allow a band 6.25–6.5 (spread 1 step): the half-timer at 6.5 (load 3.25), everyone
        // else at 6.25. But a load ending in .25 needs an odd number of 0.75 duties (holiday-day
        // backups), and only 7 exist for the 11 members who would each need one: spread ≥ 2 steps.
        let (_, compiled) = try december()
        #expect(compiled.loadScale == 4)
        let row = try #require(compiled.model.constraints.first { $0.name == "spread[phys]" })
        #expect(row.lower == 2)
    }

    @Test func theBoundMeetsTheOptimum() async throws {
        let (month, _) = try december()
        let solution = try await Fixtures.solve(month.network)
        #expect(solution.status == .optimal)
        #expect(solution.objective == 50)
        #expect(solution.measures?.pools.first?.spread == 0.5)
    }
}
