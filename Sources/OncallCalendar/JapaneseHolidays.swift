// SPDX-License-Identifier: GPL-3.0-or-later

/// The Japanese national holiday calendar (国民の祝日に関する法律 and the special acts for one-off days).
///
/// Covers ``supportedYears``. Every year there is computed once, on first use, into a table that is
/// shared by all threads, so ``holiday(on:)`` is a dictionary look-up and safe to call for every day of
/// a month from any thread.
///
/// Equinox days (春分の日, 秋分の日) come from the usual approximation formula. It matches every
/// officially published date so far, but for future years it is a prediction: the Cabinet fixes each
/// year's date only in the February of the year before.
///
/// ```swift
/// JapaneseHolidays.holiday(on: CivilDate("2026-09-22")!)  // 2026-09-22 国民の休日
/// JapaneseHolidays.holidays(in: 2026).count              // 18
/// ```
public enum JapaneseHolidays {
    /// The years this calendar knows. Outside them ``holidays(in:)`` is empty and ``holiday(on:)`` is nil,
    /// which callers must not read as "no holiday".
    public static let supportedYears: ClosedRange<Int> = 1970...2099

    /// Name of every substitute holiday (Article 3(2)).
    public static let substituteHolidayName = "振替休日"
    /// Name of every citizens' holiday (Article 3(3)), including 2019-04-30 and 2019-05-02.
    public static let citizensHolidayName = "国民の休日"

    /// Every national holiday of the year (祝日, 振替休日, 国民の休日), sorted by date.
    ///
    /// - Returns: the holidays, or an empty list when `year` is outside ``supportedYears``.
    public static func holidays(in year: Int) -> [Holiday] {
        guard self.supportedYears.contains(year) else { return [] }
        return self.table.byYear[year - self.supportedYears.lowerBound]
    }

    /// The holiday on `date`, or nil. Also nil for every date outside ``supportedYears``.
    public static func holiday(on date: CivilDate) -> Holiday? {
        self.table.byDayNumber[date.dayNumber]
    }

    /// Whether `date` is a holiday of any kind (祝日, 振替休日 or 国民の休日).
    public static func isHoliday(_ date: CivilDate) -> Bool {
        self.holiday(on: date) != nil
    }

    // MARK: - Table

    private struct Table: Sendable {
        /// Index 0 is `supportedYears.lowerBound`.
        let byYear: [[Holiday]]
        let byDayNumber: [Int: Holiday]
    }

    /// Built once, on first use; Swift initialises a `static let` exactly once, thread-safely.
    private static let table: Table = {
        let byYear = JapaneseHolidays.supportedYears.map { JapaneseHolidays.computeHolidays(in: $0) }
        var byDayNumber: [Int: Holiday] = [:]
        byDayNumber.reserveCapacity(byYear.reduce(0) { $0 + $1.count })
        for holiday in byYear.joined() {
            byDayNumber[holiday.date.dayNumber] = holiday
        }
        return Table(byYear: byYear, byDayNumber: byDayNumber)
    }()

    // MARK: - Rules

    /// The day the substitute-holiday rule took effect.
    private static let substituteRuleStart = CivilDate(year: 1973, month: 4, day: 12)!.dayNumber

    /// Applies the holiday law to one year; `year` must be in ``supportedYears``.
    static func computeHolidays(in year: Int) -> [Holiday] {
        // Day number → name of every 祝日 (Article 2 and the special acts).
        let national = self.nationalHolidays(in: year)
        var all = national

        // Article 3(2): a 祝日 on a Sunday makes a later day a holiday.
        for (day, _) in national where day >= self.substituteRuleStart && CivilDate(dayNumber: day).weekday == .sunday {
            var next = day + 1
            if year >= 2007 {
                // Since 2007: the first following day that is not a 祝日.
                while national[next] != nil { next += 1 }
            } else if national[next] != nil {
                // 1973–2006: only the Monday, and only if it is not a 祝日 itself. (No 祝日 of those years
                // followed another, so this never differed from the later rule; it is kept as the law read.)
                continue
            }
            all[next] = self.substituteHolidayName
        }

        // Article 3(3), in force from 1985-12-27: a day between two 祝日 that is not a 祝日 itself.
        // 1985–2006 also excluded Sundays and substitute holidays.
        if year >= 1986 {
            for (day, _) in national where national[day + 2] != nil && all[day + 1] == nil {
                if year >= 2007 || CivilDate(dayNumber: day + 1).weekday != .sunday {
                    all[day + 1] = self.citizensHolidayName
                }
            }
        }

        return all.sorted { $0.key < $1.key }.map { Holiday(date: CivilDate(dayNumber: $0.key), name: $0.value) }
    }

    /// The 祝日 of `year`: Article 2 as amended, with the 2020/2021 Olympic moves and the one-off days
    /// that special acts treat as 祝日.
    private static func nationalHolidays(in year: Int) -> [Int: String] {
        var days: [Int: String] = [:]
        func on(_ month: Int, _ day: Int, _ name: String) {
            days[CivilDate(year: year, month: month, day: day)!.dayNumber] = name
        }
        func onMonday(_ nth: Int, of month: Int, _ name: String) {
            on(month, self.nthMonday(nth, month: month, year: year), name)
        }

        on(1, 1, "元日")

        if year >= 2000 { onMonday(2, of: 1, "成人の日") } else { on(1, 15, "成人の日") }

        if year >= 1967 { on(2, 11, "建国記念の日") }

        switch year {
        case ...1988: on(4, 29, "天皇誕生日")  // Shōwa
        case 1989...2018: on(12, 23, "天皇誕生日")  // Heisei
        case 2019: break  // Heisei abdicated on 04-30; the Reiwa birthday starts in 2020.
        default: on(2, 23, "天皇誕生日")  // Reiwa
        }

        on(3, self.vernalEquinoxDay(in: year), "春分の日")

        if year >= 2007 {
            on(4, 29, "昭和の日")
            on(5, 4, "みどりの日")
        } else if year >= 1989 {
            on(4, 29, "みどりの日")
        }

        on(5, 3, "憲法記念日")
        on(5, 5, "こどもの日")

        switch year {
        case 1996...2002: on(7, 20, "海の日")
        case 2020: on(7, 23, "海の日")
        case 2021: on(7, 22, "海の日")
        case 2003...: onMonday(3, of: 7, "海の日")
        default: break
        }

        switch year {
        case 2020: on(8, 10, "山の日")
        case 2021: on(8, 8, "山の日")
        case 2016...: on(8, 11, "山の日")
        default: break
        }

        switch year {
        case 1966...2002: on(9, 15, "敬老の日")
        case 2003...: onMonday(3, of: 9, "敬老の日")
        default: break
        }

        on(9, self.autumnalEquinoxDay(in: year), "秋分の日")

        switch year {
        case 1966...1999: on(10, 10, "体育の日")
        case 2000...2019: onMonday(2, of: 10, "体育の日")
        case 2020: on(7, 24, "スポーツの日")
        case 2021: on(7, 23, "スポーツの日")
        case 2022...: onMonday(2, of: 10, "スポーツの日")
        default: break
        }

        on(11, 3, "文化の日")
        on(11, 23, "勤労感謝の日")

        for oneOff in self.oneOffHolidays where oneOff.year == year {
            on(oneOff.month, oneOff.day, oneOff.name)
        }

        return days
    }

    /// Days that special acts made 祝日 for one year only.
    private static let oneOffHolidays: [(year: Int, month: Int, day: Int, name: String)] = [
        (1989, 2, 24, "大喪の礼"),  // state funeral of Emperor Shōwa
        (1990, 11, 12, "即位礼正殿の儀"),  // Heisei enthronement ceremony
        (1993, 6, 9, "結婚の儀"),  // wedding of Crown Prince Naruhito
        (2019, 5, 1, "天皇の即位の日"),  // Reiwa accession
        (2019, 10, 22, "即位礼正殿の儀"),  // Reiwa enthronement ceremony
    ]

    /// Day of the month of the `nth` Monday.
    private static func nthMonday(_ nth: Int, month: Int, year: Int) -> Int {
        let first = CivilDate(year: year, month: month, day: 1)!.weekday.rawValue
        let firstMonday = 1 + (Weekday.monday.rawValue - first + 7) % 7
        return firstMonday + 7 * (nth - 1)
    }

    // MARK: - Equinoxes

    /// Day of March of 春分の日. The approximation formula in exact integer arithmetic (millionths of a day),
    /// so no floating-point rounding can move a date.
    static func vernalEquinoxDay(in year: Int) -> Int {
        self.equinoxDay(in: year, base1900: 20_835_700, base1980: 20_843_100)
    }

    /// Day of September of 秋分の日; see ``vernalEquinoxDay(in:)``.
    static func autumnalEquinoxDay(in year: Int) -> Int {
        self.equinoxDay(in: year, base1900: 23_258_800, base1980: 23_248_800)
    }

    /// `floor(base + 0.242194 * (year - 1980) - leap)` where `leap` is `floor((year - 1980) / 4)` from
    /// 1980 and `(year - 1983) / 4` truncated toward zero before 1980 (flooring there shifts most 1970s
    /// equinoxes by a day). Valid for 1900–2099.
    private static func equinoxDay(in year: Int, base1900: Int, base1980: Int) -> Int {
        precondition((1900...2099).contains(year), "equinox formula covers 1900–2099, not \(year)")
        let dY = year - 1980
        let base = year < 1980 ? base1900 : base1980
        let leap = year < 1980 ? (year - 1983) / 4 : dY / 4  // Swift's `/` truncates toward zero.
        let micro = base + 242_194 * dY  // Positive for every year in range, so `/` is floor.
        return micro / 1_000_000 - leap
    }
}
