// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

extension Network {
    /// The day type of a date under this network's calendar: a national holiday, a year-end day
    /// (12-29 … 01-03) or an extra holiday is `holiday`; otherwise saturday, sunday or weekday.
    public func dayType(of date: CivilDate) -> DayType {
        if isHoliday(date) { return .holiday }
        switch date.weekday {
        case .saturday: return .saturday
        case .sunday: return .sunday
        default: return .weekday
        }
    }

    /// Why a date is a holiday, for people reading a roster; nil on ordinary days.
    public func holidayName(of date: CivilDate) -> String? {
        if calendar.nationalHolidays, let holiday = JapaneseHolidays.holiday(on: date) { return holiday.name }
        if calendar.yearEnd && Network.isYearEnd(date) { return "年末年始" }
        if calendar.extraHolidays.contains(date) { return "休日" }
        return nil
    }

    public func isHoliday(_ date: CivilDate) -> Bool { holidayName(of: date) != nil }

    /// 12-29 … 01-03, the days most rosters treat as holidays and weigh most in fairness.
    public static func isYearEnd(_ date: CivilDate) -> Bool {
        (date.month == 12 && date.day >= 29) || (date.month == 1 && date.day <= 3)
    }
}
