// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import OncallCalendar
import RosterModel

struct RosterCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check any roster, hand-made ones too, against every hard rule.",
        discussion: "Exit codes: 0 every rule holds; 1 the roster breaks a rule (each violation listed); 2 bad input.")

    @OptionGroup var input: RosterFileArguments

    @Option(help: "The previous month's roster CSV, to check rest across the month boundary.")
    var previous: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (month, roster) = (input.month, input.roster)
        let network = try NetworkLoader.load(path: input.network)
        let document = try RosterCSV.load(path: roster, network: network, month: month)
        let previousRoster = try previous.map { try RosterCSV.load(path: $0, network: network, month: month.previous).roster }
        let rosterMonth = RosterMonth(network: network, month: month, previous: previousRoster)
        let violations = RosterChecker.check(document.roster, in: rosterMonth)
        if violations.isEmpty {
            let measures = LoadMeasures(roster: document.roster, month: rosterMonth)
            Console.print("\(roster): valid — \(document.roster.assignments.count) duties, every hard rule holds for \(month)")
            for pool in measures.pools {
                Console.print("  pool \(pool.pool): spread \(format(pool.spread)) (normalised load \(format(pool.minimum))–\(format(pool.maximum)), \(pool.memberCount) members)")
            }
            return
        }
        Console.print("\(roster): \(violations.count) violation\(violations.count == 1 ? "" : "s") of the hard rules for \(month)")
        for violation in violations {
            let lines = violation.assignments.map { document.lines[$0] }.sorted()
            let where_ = lines.isEmpty ? "" : "line\(lines.count == 1 ? "" : "s") \(lines.map(String.init).joined(separator: ", ")): "
            Console.print("  \(where_)\(violation)")
        }
        throw OncallExitCode.rosterInvalid
    }
}

func format(_ value: Double, digits: Int = 2) -> String {
    String(format: "%.\(digits)f", value)
}
