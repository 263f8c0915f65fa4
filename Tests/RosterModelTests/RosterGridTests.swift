// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel
import Testing

@Suite("roster grid")
struct RosterGridTests {
    @Test("a row per date, a column per pool, shift and tier; holidays and the year-end named")
    func grid() throws {
        let network = try loadNetwork("""
            name: grid
            shifts:
              - {id: night, name: 夜間, start: "18:00", end: "09:00", on: [weekday, saturday, sunday, holiday]}
              - {id: day, name: 日中, start: "09:00", end: "18:00", on: [sunday, holiday]}
            facilities:
              - {id: c1, kind: clinic}
              - {id: c2, kind: clinic}
            members:
              - {id: a, name: 青木, facility: c1, role: physician}
              - {id: b, name: 馬場, facility: c2, role: physician}
            pools:
              - {id: docs, name: 医師, role: physician, shifts: [night, day], primary: 1, backup: 1}

            """)
        let roster = Roster(month: yearMonth("2026-12"), assignments: [
            Assignment(date: date("2026-12-31"), shift: "night", pool: "docs", tier: .primary, member: "b"),
            Assignment(date: date("2026-12-31"), shift: "night", pool: "docs", tier: .primary, member: "a"),
            Assignment(date: date("2026-12-31"), shift: "day", pool: "docs", tier: .backup, member: "a"),
        ])
        let grid = RosterGrid(roster: roster, network: network)
        // Day before night: columns follow the shifts' start times.
        #expect(grid.columns.map { "\($0.shift)/\($0.tier.rawValue)" } == ["day/primary", "day/backup", "night/primary", "night/backup"])
        #expect(grid.rows.count == 31)
        let last = grid.rows[30]
        #expect(last.date == date("2026-12-31") && last.dayType == .holiday && last.holidayName == "年末年始" && last.isYearEnd)
        #expect(last.cells == [[], ["青木"], ["青木", "馬場"], []])
        #expect(grid.rows[0].holidayName == nil && !grid.rows[0].isYearEnd)
        #expect(grid.columns(ofPool: "docs").map(\.index) == [0, 1, 2, 3])
    }
}
