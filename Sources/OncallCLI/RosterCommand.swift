// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import OncallCalendar

struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "Make, check and publish monthly rosters.",
        subcommands: [RosterSolveCommand.self, RosterSolveYearCommand.self, RosterCheckCommand.self, RosterBaselineCommand.self,
            RosterICSCommand.self, RosterExportCommand.self, RosterPrintCommand.self,
        ])
}

extension YearMonth: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
