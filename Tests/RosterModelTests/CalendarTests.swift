// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel
import Testing

/// Day types by hand: 2026-11-01 is a Sunday, 2026-12-01 a Tuesday, 2027-01-01 a Friday.
@Suite("Network calendar: day types")
struct NetworkCalendarTests {
    private func network(calendar: String) throws -> Network {
        try loadNetwork(
            """
            name: cal
            calendar: \(calendar)
            shifts:
              - {id: night, start: "18:00", end: "09:00", on: [weekday, saturday, sunday, holiday]}
            facilities:
              - {id: c1, kind: clinic}
            members:
              - {id: a, facility: c1, role: physician}
            pools:
              - {id: docs, role: physician, shifts: [night]}

            """)
    }

    @Test("with year_end, 2026-12-29 … 2027-01-03 are holidays")
    func yearEnd() throws {
        let n = try network(calendar: "{holidays: jp, year_end: true}")
        for text in ["2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"] {
            #expect(n.dayType(of: date(text)) == .holiday, "\(text)")
            #expect(n.isHoliday(date(text)), "\(text)")
        }
        // Around the span: 12-28 is a Monday, 01-04 a Monday.
        #expect(n.dayType(of: date("2026-12-28")) == .weekday)
        #expect(n.dayType(of: date("2027-01-04")) == .weekday)
        #expect(n.holidayName(of: date("2026-12-28")) == nil)
    }

    @Test("year_end defaults to true")
    func yearEndDefault() throws {
        let n = try network(calendar: "{holidays: jp}")
        #expect(n.calendar.yearEnd)
        #expect(n.dayType(of: date("2026-12-30")) == .holiday)
    }

    @Test("without year_end, 2026-12-30 is a weekday and only national holidays stay")
    func noYearEnd() throws {
        let n = try network(calendar: "{holidays: jp, year_end: false}")
        #expect(n.dayType(of: date("2026-12-29")) == .weekday)  // Tuesday
        #expect(n.dayType(of: date("2026-12-30")) == .weekday)  // Wednesday
        #expect(n.dayType(of: date("2026-12-31")) == .weekday)  // Thursday
        #expect(n.dayType(of: date("2027-01-01")) == .holiday)  // 元日
        #expect(n.dayType(of: date("2027-01-02")) == .saturday)
        #expect(n.dayType(of: date("2027-01-03")) == .sunday)
    }

    @Test("national holidays, saturdays and sundays in November 2026")
    func november() throws {
        let n = try network(calendar: "{holidays: jp}")
        #expect(n.dayType(of: date("2026-11-23")) == .holiday)  // 勤労感謝の日, a Monday
        #expect(n.holidayName(of: date("2026-11-23")) == "勤労感謝の日")
        #expect(n.dayType(of: date("2026-11-03")) == .holiday)  // 文化の日, a Tuesday
        #expect(n.dayType(of: date("2026-11-21")) == .saturday)
        #expect(n.dayType(of: date("2026-11-22")) == .sunday)
        #expect(n.dayType(of: date("2026-11-24")) == .weekday)
        #expect(n.dayType(of: date("2026-11-20")) == .weekday)
    }

    @Test("a national holiday on a sunday is a holiday, and its substitute monday too")
    func substitute() throws {
        // 2026-05-03 憲法記念日 is a Sunday; 05-04 and 05-05 are holidays, so 05-06 is the 振替休日.
        let n = try network(calendar: "{holidays: jp}")
        #expect(n.dayType(of: date("2026-05-03")) == .holiday)
        #expect(n.dayType(of: date("2026-05-06")) == .holiday)
        #expect(n.dayType(of: date("2026-05-07")) == .weekday)
    }

    @Test("extra holidays are holidays, even on a saturday")
    func extraHolidays() throws {
        let n = try network(calendar: "{holidays: jp, extra_holidays: [2026-08-13, 2026-08-14, 2026-08-15]}")
        #expect(n.dayType(of: date("2026-08-13")) == .holiday)  // Thursday
        #expect(n.dayType(of: date("2026-08-14")) == .holiday)  // Friday
        #expect(n.dayType(of: date("2026-08-15")) == .holiday)  // Saturday
        #expect(n.dayType(of: date("2026-08-12")) == .weekday)
        #expect(n.dayType(of: date("2026-08-16")) == .sunday)
        #expect(n.holidayName(of: date("2026-08-13")) != nil)
    }

    @Test("holidays: none drops national holidays but keeps year-end and extra days")
    func noNationalHolidays() throws {
        let n = try network(calendar: "{holidays: none, extra_holidays: [2026-08-13]}")
        #expect(!n.calendar.nationalHolidays)
        #expect(n.dayType(of: date("2026-11-23")) == .weekday)  // Monday
        #expect(n.dayType(of: date("2026-11-03")) == .weekday)  // Tuesday
        #expect(n.dayType(of: date("2026-09-21")) == .weekday)  // Monday, 敬老の日 under jp
        #expect(n.dayType(of: date("2027-01-01")) == .holiday, "year_end still applies")
        #expect(n.dayType(of: date("2026-08-13")) == .holiday, "extra holidays still apply")
        #expect(n.dayType(of: date("2026-11-21")) == .saturday)
    }

    @Test("holidays: none and year_end: false leave only weekdays and weekends")
    func plainCalendar() throws {
        let n = try network(calendar: "{holidays: none, year_end: false}")
        #expect(n.dayType(of: date("2027-01-01")) == .weekday)  // Friday
        #expect(n.dayType(of: date("2026-12-31")) == .weekday)
        #expect(n.dayType(of: date("2027-01-02")) == .saturday)
        // Every date of 2026-12 is a weekday, saturday or sunday by its weekday alone.
        let types = yearMonth("2026-12").days.map(n.dayType(of:))
        #expect(types.filter { $0 == .saturday }.count == 4)  // 5, 12, 19, 26
        #expect(types.filter { $0 == .sunday }.count == 4)  // 6, 13, 20, 27
        #expect(types.filter { $0 == .weekday }.count == 23)
    }

    @Test("an unknown holiday calendar is an error on its field")
    func unknownCalendar() throws {
        let (_, error) = try loadFailure(
            """
            name: cal
            calendar: {holidays: us}
            shifts:
              - {id: night, start: "18:00", end: "09:00", on: [weekday]}
            facilities:
              - {id: c1, kind: clinic}
            members:
              - {id: a, facility: c1, role: physician}
            pools:
              - {id: docs, role: physician, shifts: [night]}

            """)
        #expect(error.issues.count == 1)
        #expect(error.issues.first?.field == "calendar.holidays")
        #expect(error.issues.first?.line == 2)
    }

    @Test("day types count toward max_holiday_duties except weekdays")
    func holidayType() {
        #expect(!DayType.weekday.isHolidayType)
        #expect(DayType.saturday.isHolidayType)
        #expect(DayType.sunday.isHolidayType)
        #expect(DayType.holiday.isHolidayType)
    }
}
