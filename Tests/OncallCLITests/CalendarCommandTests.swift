// SPDX-License-Identifier: GPL-3.0-or-later
import Testing

@Suite("oncall calendar holidays")
struct CalendarCommandTests {
    @Test("2026: the eighteen holidays of the holiday law, one per line")
    func year2026() async {
        // Typed from the law: Happy Monday days (1/12, 7/20, 9/21, 10/12), equinoxes on 3/20 and 9/23,
        // 5/3 falls on a Sunday so 5/6 is the substitute holiday, and 9/22 lies between
        // 敬老の日 and 秋分の日 so it is a citizens' holiday.
        let expected = [
            "2026-01-01,元日",
            "2026-01-12,成人の日",
            "2026-02-11,建国記念の日",
            "2026-02-23,天皇誕生日",
            "2026-03-20,春分の日",
            "2026-04-29,昭和の日",
            "2026-05-03,憲法記念日",
            "2026-05-04,みどりの日",
            "2026-05-05,こどもの日",
            "2026-05-06,振替休日",
            "2026-07-20,海の日",
            "2026-08-11,山の日",
            "2026-09-21,敬老の日",
            "2026-09-22,国民の休日",
            "2026-09-23,秋分の日",
            "2026-10-12,スポーツの日",
            "2026-11-03,文化の日",
            "2026-11-23,勤労感謝の日",
        ]
        let result = await oncall(["calendar", "holidays", "--year", "2026"])
        #expect(result.code == 0)
        #expect(result.out == expected.joined(separator: "\n") + "\n")
        #expect(result.err == "")
    }

    @Test("a year outside the holiday law's range is bad input (exit 2)")
    func year1800() async {
        let result = await oncall(["calendar", "holidays", "--year", "1800"])
        #expect(result.code == 2)
        #expect(result.out == "")
        #expect(result.err.contains("1800"))
    }

    @Test("a missing or malformed --year is bad input (exit 2)")
    func badYear() async {
        #expect(await oncall(["calendar", "holidays"]).code == 2)
        #expect(await oncall(["calendar", "holidays", "--year", "twenty"]).code == 2)
    }

    @Test("--help and --version exit 0")
    func help() async {
        let help = await oncall(["calendar", "holidays", "--help"])
        #expect(help.code == 0)
        #expect(help.out.contains("--year"))
        let version = await oncall(["--version"])
        #expect(version.code == 0)
        #expect(!version.out.isEmpty)
    }
}
