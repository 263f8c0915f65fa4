// SPDX-License-Identifier: GPL-3.0-or-later

import OncallCalendar
import Testing

@Suite("CivilDate")
struct CivilDateTests {
    @Test("day numbers of known dates")
    func knownDayNumbers() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CivilDate(year: 1969, month: 12, day: 31)!.dayNumber == -1)
        #expect(CivilDate(year: 2000, month: 1, day: 1)!.dayNumber == 10_957)
        #expect(CivilDate(year: 2000, month: 3, day: 1)!.dayNumber == 11_017)
        #expect(CivilDate(dayNumber: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(dayNumber: 11_016) == CivilDate(year: 2000, month: 2, day: 29))
        #expect(CivilDate(dayNumber: -25_567) == CivilDate(year: 1900, month: 1, day: 1))
    }

    /// Walks day by day from 1600 to 2400 and checks that each day number gives the calendar day after the
    /// previous one (month and year roll-over, leap days) and converts back to itself.
    @Test("day number round trip, 1600-01-01 to 2400-12-31")
    func dayNumberRoundTrip() {
        let start = CivilDate(year: 1600, month: 1, day: 1)!
        let end = CivilDate(year: 2400, month: 12, day: 31)!
        var expected = (year: 1600, month: 1, day: 1)
        var mismatches = 0
        for number in start.dayNumber...end.dayNumber {
            let date = CivilDate(dayNumber: number)
            if (date.year, date.month, date.day) != expected || date.dayNumber != number { mismatches += 1 }
            // Next calendar day, by the calendar rules alone.
            let leap = (expected.year % 4 == 0 && expected.year % 100 != 0) || expected.year % 400 == 0
            let monthLength = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][expected.month - 1]
            if expected.day < monthLength {
                expected.day += 1
            } else if expected.month < 12 {
                expected = (expected.year, expected.month + 1, 1)
            } else {
                expected = (expected.year + 1, 1, 1)
            }
        }
        #expect(mismatches == 0)
        #expect(expected.year == 2401 && expected.month == 1 && expected.day == 1)
    }

    @Test(
        "weekday of known dates",
        arguments: [
            ("2026-11-21", Weekday.saturday),
            ("1970-01-01", .thursday),
            ("1969-12-31", .wednesday),
            ("1900-01-01", .monday),
            ("2000-01-01", .saturday),
            ("2019-05-01", .wednesday),
            ("2026-01-01", .thursday),
            ("2100-01-01", .friday),
        ])
    func weekday(text: String, weekday: Weekday) {
        #expect(CivilDate(text)?.weekday == weekday)
    }

    @Test("parsing accepts real YYYY-MM-DD dates", arguments: ["2026-01-05", "2024-02-29", "2000-02-29", "1970-12-31"])
    func parsesValid(text: String) {
        let date = CivilDate(text)
        #expect(date?.description == text)
    }

    @Test(
        "parsing rejects impossible dates and other formats",
        arguments: [
            "2026-02-30", "2023-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
            "2026-1-5", "2026-01-5", "26-01-05", "2026/01/05", "20260105", "2026-01-05x", "2026-01-05 ", "",
        ])
    func rejectsInvalid(text: String) {
        #expect(CivilDate(text) == nil)
    }

    @Test("memberwise init rejects impossible dates")
    func memberwiseInit() {
        #expect(CivilDate(year: 2026, month: 2, day: 30) == nil)
        #expect(CivilDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2028, month: 2, day: 29) != nil)
    }

    @Test("adding days crosses months and years")
    func addingDays() {
        #expect(CivilDate("2025-12-31")!.adding(days: 1) == CivilDate("2026-01-01"))
        #expect(CivilDate("2024-03-01")!.adding(days: -1) == CivilDate("2024-02-29"))
        #expect(CivilDate("2026-01-01")!.adding(days: 365) == CivilDate("2027-01-01"))
    }

    @Test("ordering follows the calendar")
    func ordering() {
        #expect(CivilDate("2025-12-31")! < CivilDate("2026-01-01")!)
        #expect(CivilDate("2026-01-31")! < CivilDate("2026-02-01")!)
        #expect(!(CivilDate("2026-02-01")! < CivilDate("2026-02-01")!))
    }

    @Test("YearMonth days and neighbours")
    func yearMonth() {
        let february = YearMonth("2024-02")!
        #expect(february.numberOfDays == 29)
        #expect(february.days.count == 29)
        #expect(february.lastDay == CivilDate("2024-02-29"))
        #expect(YearMonth("2025-12")!.next == YearMonth("2026-01"))
        #expect(YearMonth("2026-01")!.previous == YearMonth("2025-12"))
        #expect(YearMonth("2026-1") == nil)
    }
}
