// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import OncallCalendar
import RosterModel
import RosterSolver

/// The rosters people make without an optimiser, written like `roster solve` writes its own, so
/// `oncall fairness A.csv --compare B.csv` and the fairness benchmark can show the difference.
struct RosterBaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Make a month's roster the way it is made by hand (round robin, or greedy least-loaded), every hard rule held.",
        discussion: "Exit codes: 0 roster written; 2 bad input; 3 this method found no roster that holds every rule (roster solve may).")

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case roundRobin = "round-robin", greedy
    }

    @Argument(help: "The network file (YAML or JSON).")
    var network: String

    @Option(help: "The month, YYYY-MM.")
    var month: YearMonth

    @Option(help: "round-robin (each pool in turn through its members) or greedy (each duty to the least loaded).")
    var method: Method = .roundRobin

    @Option(help: "Loads carried in from earlier months: a previous fairness report (--format json) or year-fairness.json.")
    var history: String?

    @Option(help: "Where to write the roster CSV.")
    var out: String = "roster.csv"

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var network = try NetworkLoader.load(path: self.network)
        if let history { try HistoryFile.apply(history, to: &network) }
        let rosterMonth = RosterMonth(network: network, month: month)
        let clock = ContinuousClock()
        let start = clock.now
        let roster = method == .roundRobin ? BaselineRoster.roundRobin(rosterMonth) : BaselineRoster.greedy(rosterMonth)
        let elapsed = clock.now - start
        guard let roster else {
            Console.print("No \(method.rawValue) roster for \(month): some duty could not be filled under the hard rules this way; try oncall roster solve.")
            throw OncallExitCode.infeasible
        }
        do {
            try Data(RosterCSV.render(roster, network: network).utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw InputError(InputIssue(file: out, message: "cannot write: \(error.localizedDescription)", hint: "check the folder exists and is writable"))
        }
        Console.print("wrote \(out) (\(roster.assignments.count) duties, \(method.rawValue), \(format(elapsed.seconds, digits: 3)) s)")
    }
}
