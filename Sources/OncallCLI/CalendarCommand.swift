// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import OncallCalendar

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Calendar facts rosters are built on.", subcommands: [Holidays.self])

    struct Holidays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print Japanese national holidays of a year as YYYY-MM-DD,name.",
            discussion: "By the holiday law: fixed days, Happy Monday days, equinoxes, substitute and citizens' holidays, the 2019–2021 moves.")

        @Option(help: "The year (\(JapaneseHolidays.supportedYears.lowerBound)–\(JapaneseHolidays.supportedYears.upperBound)).")
        var year: Int

        func validate() throws {
            guard JapaneseHolidays.supportedYears.contains(year) else {
                throw ValidationError("--year \(year) is outside \(JapaneseHolidays.supportedYears.lowerBound)–\(JapaneseHolidays.supportedYears.upperBound), the years the holiday law is known for")
            }
        }

        func run() async throws {
            for holiday in JapaneseHolidays.holidays(in: year) {
                Console.print("\(holiday.date),\(holiday.name)")
            }
        }
    }
}
