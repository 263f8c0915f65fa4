// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import RosterModel
import Testing

@Suite("RosterMonth")
struct RosterMonthTests {
    /// A night on every day type, listed first, and a holiday day shift on sundays and holidays.
    private let twoShiftYAML = """
        name: month
        calendar: {holidays: jp, year_end: true}
        shifts:
          - {id: night, start: "18:00", end: "09:00", on: [weekday, saturday, sunday, holiday], weight: 1}
          - {id: holiday-day, start: "09:00", end: "18:00", on: [sunday, holiday], weight: 1.5}
        facilities:
          - {id: c1, kind: clinic}
          - {id: c2, kind: clinic}
          - {id: ph, kind: pharmacy}
        members:
          - {id: a, facility: c1, role: physician}
          - {id: b, facility: c2, role: physician}
          - {id: p, facility: ph, role: pharmacist}
        pools:
          - {id: docs, role: physician, shifts: [night, holiday-day], primary: 1, backup: 1}
          - {id: pharm, role: pharmacist, shifts: [night, holiday-day]}
          - {id: idle, role: pharmacist, shifts: [night], primary: 0, backup: 0}

        """

    @Test("2026-12: 31 nights and 7 holiday day shifts per pool (sundays 6, 13, 20, 27 and year-end 29, 30, 31)")
    func december() throws {
        let n = try loadNetwork(twoShiftYAML)
        let month = RosterMonth(network: n, month: yearMonth("2026-12"))
        #expect(month.dates.count == 31)
        #expect(month.dates.first == date("2026-12-01"))
        #expect(month.dates.last == date("2026-12-31"))
        let docs = month.poolShifts.filter { n.pools[$0.pool].id == "docs" }
        let pharm = month.poolShifts.filter { n.pools[$0.pool].id == "pharm" }
        #expect(docs.count == 38)
        #expect(pharm.count == 38)
        #expect(month.poolShifts.count == 76, "a pool with primary 0 and backup 0 has nothing to cover")
        let holidayDays = docs.filter { n.shifts[$0.shift].id == "holiday-day" }.map(\.date.day)
        #expect(holidayDays == [6, 13, 20, 27, 29, 30, 31])
        #expect(docs.filter { n.shifts[$0.shift].id == "night" }.count == 31)
        // Day types: 4 saturdays (5, 12, 19, 26), 4 sundays, 3 year-end holidays, 20 weekdays.
        #expect(month.dayTypes.filter { $0 == .saturday }.count == 4)
        #expect(month.dayTypes.filter { $0 == .sunday }.count == 4)
        #expect(month.dayTypes.filter { $0 == .holiday }.count == 3)
        #expect(month.dayTypes.filter { $0 == .weekday }.count == 20)
    }

    @Test("without year_end, 2026-12 has 4 holiday day shifts per pool")
    func decemberNoYearEnd() throws {
        let n = try loadNetwork(twoShiftYAML.replacingOccurrences(of: "year_end: true", with: "year_end: false"))
        let month = RosterMonth(network: n, month: yearMonth("2026-12"))
        let docs = month.poolShifts.filter { n.pools[$0.pool].id == "docs" }
        #expect(docs.count == 31 + 4)
    }

    @Test("pool shifts are ordered by date, then start time, then pool")
    func order() throws {
        let n = try loadNetwork(twoShiftYAML)
        let month = RosterMonth(network: n, month: yearMonth("2026-12"))
        // 12-05 is a saturday: nights only. 12-06 is a sunday: the 09:00 shift comes before the 18:00 one.
        let labels = month.poolShifts.filter { $0.date == date("2026-12-05") || $0.date == date("2026-12-06") }
            .map { "\($0.date.day) \(n.shifts[$0.shift].id) \(n.pools[$0.pool].id)" }
        #expect(labels == [
            "5 night docs", "5 night pharm",
            "6 holiday-day docs", "6 holiday-day pharm", "6 night docs", "6 night pharm",
        ])
        for (i, ps) in month.poolShifts.enumerated() {
            #expect(ps.day == ps.date.day - 1)
            #expect(month.poolShiftIndex(pool: ps.pool, date: ps.date, shift: ps.shift) == i)
        }
        // No holiday day shift on a weekday, and nothing outside the month.
        let holidayDay = try #require(n.shiftIndex["holiday-day"])
        #expect(month.poolShiftIndex(pool: 0, date: date("2026-12-07"), shift: holidayDay) == nil)
        #expect(month.poolShiftIndex(pool: 0, date: date("2027-01-01"), shift: holidayDay) == nil)
    }

    @Test("a duty's weight is the shift's, times backup_weight for a backup")
    func weights() throws {
        let n = try loadNetwork(twoShiftYAML)
        let month = RosterMonth(network: n, month: yearMonth("2026-12"))
        let ps = try #require(month.poolShifts.first { $0.date == date("2026-12-06") && n.shifts[$0.shift].id == "holiday-day" })
        #expect(month.weight(ps, .primary) == 1.5)
        #expect(month.weight(ps, .backup) == 0.75)
        #expect(month.label(ps) == "2026-12-06 holiday-day")
    }

    @Test("candidates: pool members who are not off and hold the tier's skills")
    func candidates() throws {
        var n = try tinyNetwork()
        // e takes the 12th off for the night shift only.
        n.members[4].off = [try #require(DayOff("2026-06-12/night"))]
        let month = RosterMonth(network: n, month: june2026)
        #expect(month.poolShifts.count == 6)
        func ids(_ members: [Int]) -> [String] { members.map { n.members[$0].id } }
        func candidates(_ day: String, _ shift: String, _ tier: Tier) throws -> [String] {
            let pool = shift == "day" ? 0 : 1
            let ps = try #require(month.poolShiftIndex(pool: pool, date: date(day), shift: n.shiftIndex[shift]!))
            return ids(month.candidates(ps, tier))
        }
        // docs primary needs narcotics: a and b.
        #expect(try candidates("2026-06-10", "day", .primary) == ["a", "b"])
        #expect(try candidates("2026-06-10", "day", .backup) == ["a", "b", "c", "d", "e"])
        // d is off on the 11th.
        #expect(try candidates("2026-06-11", "day", .backup) == ["a", "b", "c", "e"])
        #expect(try candidates("2026-06-11", "night", .primary) == ["a", "b", "c", "e"])
        // nights has no backup tier.
        #expect(try candidates("2026-06-11", "night", .backup) == [])
        // e is off on the 12th's night only.
        #expect(try candidates("2026-06-12", "night", .primary) == ["a", "b", "c", "d"])
        #expect(try candidates("2026-06-12", "day", .backup) == ["a", "b", "c", "d", "e"])
    }

    @Test("pool members: physicians of clinics with fte > 0; member pools are the inverse")
    func tinyPoolMembers() throws {
        let n = try tinyNetwork()
        let month = RosterMonth(network: n, month: june2026)
        #expect(month.poolMembers.map { $0.map { n.members[$0].id } } == [["a", "b", "c", "d", "e"], ["a", "b", "c", "d", "e"]])
        let memberPools = Dictionary(uniqueKeysWithValues: zip(n.members.map(\.id), month.memberPools))
        #expect(memberPools["a"] == [0, 1])
        #expect(memberPools["f"] == [], "fte 0 takes no duties")
        #expect(memberPools["h"] == [], "a hospital is not a clinic")
        #expect(memberPools["n"] == [], "a nurse is not a physician")
    }

    @Test("pool membership by region, district, facilities, team, facility kinds, role and fte")
    func scopes() throws {
        let n = try loadNetwork(
            """
            name: scopes
            shifts:
              - {id: night, start: "18:00", end: "09:00", on: [weekday, saturday, sunday, holiday]}
            districts:
              - {id: north}
              - {id: south}
            facilities:
              - {id: cn1, kind: clinic, district: north, team: t1}
              - {id: cn2, kind: clinic, district: north, team: t2}
              - {id: cs1, kind: clinic, district: south, team: t1}
              - {id: hs, kind: hospital, district: south}
              - {id: vn, kind: nurse_station, district: north, team: t1}
            members:
              - {id: p1, facility: cn1, role: physician}
              - {id: p2, facility: cn2, role: physician}
              - {id: p3, facility: cs1, role: physician}
              - {id: p4, facility: hs, role: physician, fte: 0.3}
              - {id: p5, facility: cn1, role: physician, fte: 0}
              - {id: n1, facility: vn, role: nurse}
            pools:
              - {id: region, role: physician, shifts: [night]}
              - {id: north, role: physician, district: north, shifts: [night]}
              - {id: south, role: physician, district: south, shifts: [night]}
              - {id: picked, role: physician, facilities: [cn2, hs], shifts: [night]}
              - {id: team1, role: physician, team: t1, shifts: [night]}
              - {id: clinics, role: physician, facility_kinds: [clinic], shifts: [night]}
              - {id: south-clinics, role: physician, district: south, facility_kinds: [clinic], shifts: [night]}
              - {id: nurses, role: nurse, team: t1, shifts: [night]}
              - {id: not-clinics, role: physician, facility_kinds: [hospital, nurse_station], shifts: [night]}

            """)
        #expect(n.pools[1].scope == .district("north"))
        #expect(n.pools[3].scope == .facilities(["cn2", "hs"]))
        #expect(n.pools[4].scope == .team("t1"))
        let month = RosterMonth(network: n, month: yearMonth("2026-06"))
        let members = Dictionary(uniqueKeysWithValues: zip(n.pools.map(\.id), month.poolMembers.map { $0.map { n.members[$0].id } }))
        #expect(members["region"] == ["p1", "p2", "p3", "p4"])
        #expect(members["north"] == ["p1", "p2"])
        #expect(members["south"] == ["p3", "p4"])
        #expect(members["picked"] == ["p2", "p4"])
        #expect(members["team1"] == ["p1", "p3"])
        #expect(members["clinics"] == ["p1", "p2", "p3"])
        #expect(members["south-clinics"] == ["p3"])
        #expect(members["nurses"] == ["n1"])
        #expect(members["not-clinics"] == ["p4"])
        // fte 0 is in no pool even where role and facility fit.
        #expect(!RosterMonth.belongs(n.members[4], to: n.pools[0], in: n))
        #expect(month.memberPools[4].isEmpty)
    }
}
