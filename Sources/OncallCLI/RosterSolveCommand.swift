// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import GLPKBackend
import LinearModel
import OncallCalendar
import RosterModel
import RosterSolver

struct RosterSolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Make a month's roster: a primary and backup for every pool shift, every hard rule held, fairness optimised.",
        discussion: """
            Exit codes: 0 roster written; 2 bad input; 3 no roster can hold every rule (explained); \
            4 time limit passed before any roster was found. A failed solve writes no roster file.
            """)

    @Argument(help: "The network file (YAML or JSON).")
    var network: String

    @Option(help: "The month, YYYY-MM (default: next month in the network's time zone).")
    var month: YearMonth?

    @Option(help: "Where to write the roster CSV.")
    var out: String = "roster.csv"

    @Option(help: "The previous month's roster CSV: its last duties still forbid this month's first days (min_rest_days).")
    var previous: String?

    @Option(help: "Also write the roster, its measures and the solve summary as JSON.")
    var json: String?

    @Option(help: "Loads carried in from earlier months: a previous fairness report (--format json) or year-fairness.json.")
    var history: String?

    @Option(name: .customLong("time-limit"), help: "Seconds the whole solve may take.")
    var timeLimit: Double = 60

    @Option(help: "Stop when within this many percent of the proven bound (0: prove optimality).")
    var gap: Double = 0

    @Option(help: "Worker threads, each solving independent pools (default: the machine's cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("export-model"), help: "Write the whole month as one model, FILE.mps (free MPS) or FILE.lp (CPLEX LP).")
    var exportModel: String?

    @Flag(name: .customLong("allow-gaps"), help: "Make coverage soft at a heavy cost and list each uncovered shift.")
    var allowGaps = false

    @Flag(help: "No progress line while solving.")
    var quiet = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard timeLimit > 0, timeLimit <= 86_400 else { throw ValidationError("--time-limit must be between 0 and 86400 seconds") }
        guard gap >= 0, gap < 100 else { throw ValidationError("--gap is a percentage from 0 to 100") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be from 1 to 64") }
        if let exportModel, ModelFileFormat(path: exportModel) == nil {
            throw ValidationError("--export-model must name a .mps or .lp file, got \(exportModel)")
        }
    }

    func run() async throws {
        var network = try NetworkLoader.load(path: self.network)
        if let history { try HistoryFile.apply(history, to: &network) }
        let month = self.month ?? nextMonth(in: network.timezone)
        let previousRoster = try previous.map { try RosterCSV.load(path: $0, network: network, month: month.previous).roster }
        let rosterMonth = RosterMonth(network: network, month: month, previous: previousRoster)
        let logger = global.makeLogger("oncall")
        let solver = GLPKSolver(threads: threads, logger: logger)

        if let exportModel, let format = ModelFileFormat(path: exportModel) {
            let whole = RosterCompiler.compile(rosterMonth, Component.whole(rosterMonth), options: CompileOptions(allowGaps: allowGaps))
            try await solver.export(whole.model, to: exportModel, format: format)
            Console.error("wrote the whole month as one model to \(exportModel) (\(whole.model.variables.count) variables, \(whole.model.constraints.count) rows)")
        }

        var settings = SolveSettings()
        settings.timeLimit = .milliseconds(Int64(timeLimit * 1000))
        settings.relativeGap = gap / 100
        settings.allowGaps = allowGaps
        let progress = quiet ? nil : TerminalProgress(console: Console.current)
        if let progress { settings.progress = { progress.show($0) } }
        let solution = try await RosterSolver(solver: solver, threads: threads, logger: logger).solve(rosterMonth, settings: settings)
        progress?.clear()

        let report = SolveReport(solution: solution, month: rosterMonth, threads: threads, requestedGap: gap / 100)
        switch solution.status {
        case .infeasible:
            Console.print(report.infeasibleText())
            throw OncallExitCode.infeasible
        case .timeLimitNoRoster:
            Console.print(report.timeLimitText(seconds: timeLimit))
            throw OncallExitCode.timeLimit
        case .optimal, .feasible:
            guard let roster = solution.roster else { throw OncallExitCode.timeLimit }
            try write(RosterCSV.render(roster, network: network), to: out)
            if let json { try write(report.json(), to: json) }
            Console.print(report.summaryText())
            Console.print("wrote \(out) (\(roster.assignments.count) duties)" + (json.map { " and \($0)" } ?? ""))
            // A script must be able to tell a roster with holes from a whole one.
            if !solution.uncovered.isEmpty { throw OncallExitCode.uncovered }
        }
    }

    private func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError(InputIssue(file: path, message: "cannot write: \(error.localizedDescription)", hint: "check the folder exists and is writable"))
        }
    }
}

/// The month after today's, in the network's time zone: the roster associations make next.
func nextMonth(in timezone: String, now: Date = Date()) -> YearMonth {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: timezone) ?? .current
    let parts = calendar.dateComponents([.year, .month], from: now)
    return YearMonth(year: parts.year!, month: parts.month!)!.next
}
