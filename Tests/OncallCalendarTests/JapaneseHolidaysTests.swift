// SPDX-License-Identifier: GPL-3.0-or-later

import OncallCalendar
import Testing

/// Every expected value here was worked out by hand from the holiday law (weekday of the 1st of the month,
/// the equinox formula by hand) and checked against the Cabinet Office's published lists where they exist.
@Suite("JapaneseHolidays")
struct JapaneseHolidaysTests {
    private func date(_ text: String) -> CivilDate {
        guard let date = CivilDate(text) else { preconditionFailure("bad test date \(text)") }
        return date
    }

    /// `YYYY-MM-DD name` lines, so a failure shows the whole year side by side.
    private func lines(_ year: Int) -> [String] {
        JapaneseHolidays.holidays(in: year).map { "\($0.date) \($0.name)" }
    }

    private func name(_ text: String) -> String? {
        JapaneseHolidays.holiday(on: self.date(text))?.name
    }

    // MARK: - Whole years

    @Test("2019: accession, ten-day Golden Week, enthronement ceremony, no emperor's birthday")
    func year2019() {
        #expect(
            self.lines(2019) == [
                "2019-01-01 元日",
                "2019-01-14 成人の日",
                "2019-02-11 建国記念の日",
                "2019-03-21 春分の日",
                "2019-04-29 昭和の日",
                "2019-04-30 国民の休日",
                "2019-05-01 天皇の即位の日",
                "2019-05-02 国民の休日",
                "2019-05-03 憲法記念日",
                "2019-05-04 みどりの日",
                "2019-05-05 こどもの日",
                "2019-05-06 振替休日",
                "2019-07-15 海の日",
                "2019-08-11 山の日",
                "2019-08-12 振替休日",
                "2019-09-16 敬老の日",
                "2019-09-23 秋分の日",
                "2019-10-14 体育の日",
                "2019-10-22 即位礼正殿の儀",
                "2019-11-03 文化の日",
                "2019-11-04 振替休日",
                "2019-11-23 勤労感謝の日",
            ])
    }

    @Test("2020: Olympic moves of 海の日, スポーツの日 and 山の日")
    func year2020() {
        #expect(
            self.lines(2020) == [
                "2020-01-01 元日",
                "2020-01-13 成人の日",
                "2020-02-11 建国記念の日",
                "2020-02-23 天皇誕生日",
                "2020-02-24 振替休日",
                "2020-03-20 春分の日",
                "2020-04-29 昭和の日",
                "2020-05-03 憲法記念日",
                "2020-05-04 みどりの日",
                "2020-05-05 こどもの日",
                "2020-05-06 振替休日",
                "2020-07-23 海の日",
                "2020-07-24 スポーツの日",
                "2020-08-10 山の日",
                "2020-09-21 敬老の日",
                "2020-09-22 秋分の日",
                "2020-11-03 文化の日",
                "2020-11-23 勤労感謝の日",
            ])
    }

    @Test("2021: Olympic moves again, 山の日 on a Sunday")
    func year2021() {
        #expect(
            self.lines(2021) == [
                "2021-01-01 元日",
                "2021-01-11 成人の日",
                "2021-02-11 建国記念の日",
                "2021-02-23 天皇誕生日",
                "2021-03-20 春分の日",
                "2021-04-29 昭和の日",
                "2021-05-03 憲法記念日",
                "2021-05-04 みどりの日",
                "2021-05-05 こどもの日",
                "2021-07-22 海の日",
                "2021-07-23 スポーツの日",
                "2021-08-08 山の日",
                "2021-08-09 振替休日",
                "2021-09-20 敬老の日",
                "2021-09-23 秋分の日",
                "2021-11-03 文化の日",
                "2021-11-23 勤労感謝の日",
            ])
    }

    @Test("2026: May 6 substitute and September citizens' holiday")
    func year2026() {
        #expect(
            self.lines(2026) == [
                "2026-01-01 元日",
                "2026-01-12 成人の日",
                "2026-02-11 建国記念の日",
                "2026-02-23 天皇誕生日",
                "2026-03-20 春分の日",
                "2026-04-29 昭和の日",
                "2026-05-03 憲法記念日",
                "2026-05-04 みどりの日",
                "2026-05-05 こどもの日",
                "2026-05-06 振替休日",
                "2026-07-20 海の日",
                "2026-08-11 山の日",
                "2026-09-21 敬老の日",
                "2026-09-22 国民の休日",
                "2026-09-23 秋分の日",
                "2026-10-12 スポーツの日",
                "2026-11-03 文化の日",
                "2026-11-23 勤労感謝の日",
            ])
    }

    @Test("1989: funeral of Emperor Shōwa, 天皇誕生日 moves to December, みどりの日 begins")
    func year1989() {
        #expect(
            self.lines(1989) == [
                "1989-01-01 元日",
                "1989-01-02 振替休日",
                "1989-01-15 成人の日",
                "1989-01-16 振替休日",
                "1989-02-11 建国記念の日",
                "1989-02-24 大喪の礼",
                "1989-03-21 春分の日",
                "1989-04-29 みどりの日",
                "1989-05-03 憲法記念日",
                "1989-05-04 国民の休日",
                "1989-05-05 こどもの日",
                "1989-09-15 敬老の日",
                "1989-09-23 秋分の日",
                "1989-10-10 体育の日",
                "1989-11-03 文化の日",
                "1989-11-23 勤労感謝の日",
                "1989-12-23 天皇誕生日",
            ])
    }

    // MARK: - Equinoxes

    @Test(
        "春分の日",
        arguments: [
            "1970-03-21", "1976-03-20", "1980-03-20", "2000-03-20", "2012-03-20", "2023-03-21", "2024-03-20",
            "2025-03-20", "2026-03-20", "2027-03-21", "2044-03-20", "2092-03-19", "2099-03-20",
        ])
    func vernalEquinox(text: String) {
        let day = self.date(text)
        #expect(JapaneseHolidays.holidays(in: day.year).filter { $0.name == "春分の日" }.map(\.date) == [day])
    }

    @Test(
        "秋分の日",
        arguments: [
            "1971-09-24", "1979-09-24", "1980-09-23", "2000-09-23", "2012-09-22", "2020-09-22", "2024-09-22",
            "2026-09-23", "2030-09-23", "2032-09-22", "2044-09-22", "2099-09-23",
        ])
    func autumnalEquinox(text: String) {
        let day = self.date(text)
        #expect(JapaneseHolidays.holidays(in: day.year).filter { $0.name == "秋分の日" }.map(\.date) == [day])
    }

    // MARK: - Happy Monday and moved days

    @Test(
        "Happy Monday holidays and the fixed dates before them",
        arguments: [
            ("1999-01-15", "成人の日"), ("2000-01-10", "成人の日"), ("2024-01-08", "成人の日"),
            ("1999-10-10", "体育の日"), ("2000-10-09", "体育の日"), ("2019-10-14", "体育の日"),
            ("2022-10-10", "スポーツの日"), ("2024-10-14", "スポーツの日"),
            ("2002-07-20", "海の日"), ("2003-07-21", "海の日"), ("2024-07-15", "海の日"),
            ("2002-09-15", "敬老の日"), ("2003-09-15", "敬老の日"), ("2024-09-16", "敬老の日"),
        ] as [(String, String)])
    func happyMonday(text: String, expected: String) {
        #expect(self.name(text) == expected)
    }

    @Test("days that are not holidays because the holiday moved or did not exist yet")
    func movedAway() {
        #expect(self.name("2000-01-15") == nil)
        #expect(self.name("2000-10-10") == nil)
        #expect(self.name("2003-07-20") == nil)  // Sunday
        #expect(self.name("2003-07-22") == nil)
        #expect(self.name("2021-07-19") == nil)  // 3rd Monday; 海の日 moved to 07-22
        #expect(self.name("2021-08-11") == nil)
        #expect(self.name("2021-10-11") == nil)  // 2nd Monday; スポーツの日 moved to 07-23
        #expect(self.name("2020-10-12") == nil)
        #expect(self.name("2015-08-11") == nil)  // before 山の日
        #expect(self.name("1995-07-20") == nil)  // before 海の日
        #expect(self.name("2019-02-23") == nil)
        #expect(self.name("2019-12-23") == nil)
    }

    @Test("emperor's birthday and April 29 across the eras")
    func eras() {
        #expect(self.name("1988-04-29") == "天皇誕生日")
        #expect(self.name("1989-04-29") == "みどりの日")
        #expect(self.name("2018-12-23") == "天皇誕生日")
        #expect(self.name("2020-02-23") == "天皇誕生日")
        #expect(self.name("2006-04-29") == "みどりの日")
        #expect(self.name("2007-04-29") == "昭和の日")
        #expect(self.name("2007-05-04") == "みどりの日")
    }

    @Test("one-off holidays by special act")
    func oneOffs() {
        #expect(self.name("1989-02-24") == "大喪の礼")
        #expect(self.name("1990-11-12") == "即位礼正殿の儀")
        #expect(self.name("1993-06-09") == "結婚の儀")
        #expect(self.name("2019-05-01") == "天皇の即位の日")
        #expect(self.name("2019-10-22") == "即位礼正殿の儀")
    }

    // MARK: - Substitute holidays

    @Test(
        "Golden Week substitute cascades to May 6",
        arguments: ["2008-05-06", "2009-05-06", "2015-05-06", "2020-05-06", "2025-05-06", "2026-05-06"])
    func goldenWeekCascade(text: String) {
        let day = self.date(text)
        #expect(self.name(text) == "振替休日")
        // May 3–5 stay the 祝日 they are, and May 7 is a working day.
        #expect(self.name("\(day.year)-05-03") == "憲法記念日")
        #expect(self.name("\(day.year)-05-04") == "みどりの日")
        #expect(self.name("\(day.year)-05-05") == "こどもの日")
        #expect(self.name("\(day.year)-05-07") == nil)
    }

    @Test("substitute holidays: start of the rule, the Monday after a Sunday 祝日, none for Saturdays")
    func substitutes() {
        #expect(self.name("1973-02-12") == nil)  // 02-11 was a Sunday, before the rule (1973-04-12)
        #expect(self.name("1973-04-30") == "振替休日")  // first substitute holiday ever
        #expect(self.name("1973-09-24") == "振替休日")
        #expect(self.name("1992-05-04") == "振替休日")  // 05-03 Sunday: substitute, not citizens' holiday
        #expect(self.name("1998-05-04") == "振替休日")
        #expect(self.name("1999-10-11") == "振替休日")
        #expect(self.name("2002-09-16") == "振替休日")
        #expect(self.name("2007-04-30") == "振替休日")
        #expect(self.name("2024-09-23") == "振替休日")  // 秋分の日 on Sunday 09-22
        #expect(self.name("2021-03-22") == nil)  // 春分の日 on Saturday 03-20
        #expect(self.name("2026-05-04") == "みどりの日")  // a 祝日 keeps its name when a Sunday precedes it
    }

    // MARK: - Citizens' holidays

    @Test(
        "September citizens' holiday between 敬老の日 and 秋分の日",
        arguments: ["2009-09-22", "2015-09-22", "2026-09-22", "2032-09-21", "2037-09-22", "2043-09-22", "2049-09-21"])
    func septemberCitizens(text: String) {
        let day = self.date(text)
        #expect(self.name(text) == "国民の休日")
        #expect(self.name(day.adding(days: -1).description) == "敬老の日")
        #expect(self.name(day.adding(days: 1).description) == "秋分の日")
    }

    @Test("May 4 before 2007: citizens' holiday except on Sundays and substitute Mondays")
    func mayFourthBefore2007() {
        #expect(self.name("1985-05-04") == nil)  // before the rule (1985-12-27)
        #expect(self.name("1986-05-04") == nil)  // Sunday
        #expect(self.name("1987-05-04") == "振替休日")
        #expect(self.name("1988-05-04") == "国民の休日")
        #expect(self.name("1997-05-04") == nil)  // Sunday
        #expect(self.name("2003-05-04") == nil)  // Sunday
        #expect(self.name("2006-05-04") == "国民の休日")
        #expect(self.name("2020-09-21") == "敬老の日")  // adjacent to 秋分の日: no gap, nothing added
    }

    // MARK: - Range and consistency

    @Test("supported range, and nothing outside it")
    func range() {
        #expect(JapaneseHolidays.supportedYears == 1970...2099)
        #expect(JapaneseHolidays.holidays(in: 1969).isEmpty)
        #expect(JapaneseHolidays.holidays(in: 2100).isEmpty)
        #expect(JapaneseHolidays.holidays(in: Int.min).isEmpty)
        #expect(JapaneseHolidays.holidays(in: Int.max).isEmpty)
        #expect(JapaneseHolidays.holiday(on: self.date("1969-01-01")) == nil)
        #expect(JapaneseHolidays.holiday(on: self.date("2100-01-01")) == nil)
        #expect(JapaneseHolidays.holiday(on: self.date("1970-01-01"))?.name == "元日")
        #expect(JapaneseHolidays.holiday(on: self.date("2099-11-23"))?.name == "勤労感謝の日")
    }

    @Test("holiday(on:) agrees with holidays(in:) for every day of every supported year")
    func lookupAgreesWithList() {
        var disagreements: [String] = []
        for year in JapaneseHolidays.supportedYears {
            let list = JapaneseHolidays.holidays(in: year)
            if list.map(\.date) != list.map(\.date).sorted() || Set(list.map(\.date)).count != list.count {
                disagreements.append("\(year): not sorted or has duplicates")
            }
            if list.contains(where: { $0.date.year != year }) { disagreements.append("\(year): date of another year") }
            let byDate = Dictionary(uniqueKeysWithValues: list.map { ($0.date, $0) })
            var day = CivilDate(year: year, month: 1, day: 1)!
            while day.year == year {
                if JapaneseHolidays.holiday(on: day) != byDate[day] { disagreements.append("\(day)") }
                if JapaneseHolidays.isHoliday(day) != (byDate[day] != nil) { disagreements.append("\(day) isHoliday") }
                day = day.adding(days: 1)
            }
        }
        #expect(disagreements == [])
    }

    @Test("every year 2000–2099 has the fixed holidays, plausible counts and only known names")
    func yearlyInvariants() {
        let known: Set<String> = [
            "元日", "成人の日", "建国記念の日", "天皇誕生日", "春分の日", "昭和の日", "憲法記念日", "みどりの日", "こどもの日",
            "海の日", "山の日", "敬老の日", "秋分の日", "体育の日", "スポーツの日", "文化の日", "勤労感謝の日",
            "天皇の即位の日", "即位礼正殿の儀", "振替休日", "国民の休日",
        ]
        for year in 2000...2099 {
            let list = JapaneseHolidays.holidays(in: year)
            #expect((15...22).contains(list.count), "\(year) has \(list.count) holidays")
            #expect(Set(list.map(\.name)).isSubset(of: known), "\(year)")
            #expect(self.name("\(year)-01-01") == "元日")
            #expect(self.name("\(year)-02-11") == "建国記念の日")
            #expect(self.name("\(year)-05-03") == "憲法記念日")
            #expect(self.name("\(year)-05-05") == "こどもの日")
            #expect(self.name("\(year)-11-03") == "文化の日")
            #expect(self.name("\(year)-11-23") == "勤労感謝の日")
            for holiday in list {
                switch holiday.name {
                case "成人の日" where year >= 2000, "体育の日" where year >= 2000, "スポーツの日" where year >= 2022:
                    #expect(holiday.date.weekday == .monday && (8...14).contains(holiday.date.day), "\(holiday)")
                case "海の日" where year >= 2003 && year != 2020 && year != 2021, "敬老の日" where year >= 2003:
                    #expect(holiday.date.weekday == .monday && (15...21).contains(holiday.date.day), "\(holiday)")
                case "振替休日":
                    // A substitute follows a run of 祝日 that starts on a Sunday, so it is never a weekend day.
                    #expect(![.saturday, .sunday].contains(holiday.date.weekday), "\(holiday)")
                case "国民の休日":
                    #expect(holiday.date.weekday != .sunday, "\(holiday)")
                default:
                    break
                }
            }
        }
    }

    @Test("concurrent look-ups from many tasks see the same table")
    func concurrentLookups() async {
        let results = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var count = 0
                    for year in 2000...2099 {
                        for month in 1...12 {
                            count += YearMonth(year: year, month: month)!.days.count(where: JapaneseHolidays.isHoliday)
                        }
                    }
                    return count
                }
            }
            var all: [Int] = []
            for await count in group { all.append(count) }
            return all
        }
        let expected = (2000...2099).reduce(0) { $0 + JapaneseHolidays.holidays(in: $1).count }
        #expect(results == Array(repeating: expected, count: 16))
    }
}
