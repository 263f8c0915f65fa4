// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import GLPKBackend
import OncallCalendar
import RosterModel
import RosterSolver

struct RosterSolveYearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve-year",
        abstract: "Make a year's rosters month by month, each month's loads carried into the next, so the year stays fair.",
        discussion: """
            Writes DIR/YYYY-01.csv … DIR/YYYY-12.csv and DIR/year-fairness.json (the yearly fairness report; its \
            "history" can be given as --history for the next year). Exit codes: 0 every month has a roster; 2 bad input; \
            3 a month cannot be covered (explained; the months before it are written); 4 a month's time ran out with no roster.
            """)

    @Argument(help: "The network file (YAML or JSON).")
    var network: String

    @Option(help: "The year.")
    var year: Int

    @Option(name: .customLong("out-dir"), help: "Folder for the monthly roster CSVs and year-fairness.json (created if missing).")
    var outDir: String

    @Option(help: "Loads carried in from before January: a fairness report (--format json) or last year's year-fairness.json.")
    var history: String?

    @Option(name: .customLong("time-limit"), help: "Seconds each month's solve may take.")
    var timeLimit: Double = 60

    @Option(help: "Stop each month within this many percent of the proven bound (0: prove optimality).")
    var gap: Double = 0

    @Option(help: "Worker threads, each solving independent pools (default: the machine's cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress line while solving.")
    var quiet = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard JapaneseHolidays.supportedYears.contains(year) else {
            throw ValidationError("--year \(year) is outside \(JapaneseHolidays.supportedYears.lowerBound)–\(JapaneseHolidays.supportedYears.upperBound)")
        }
        guard timeLimit > 0, timeLimit <= 86_400 else { throw ValidationError("--time-limit must be between 0 and 86400 seconds") }
        guard gap >= 0, gap < 100 else { throw ValidationError("--gap is a percentage from 0 to 100") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be from 1 to 64") }
    }

    func run() async throws {
        var network = try NetworkLoader.load(path: self.network)
        if let history { try HistoryFile.apply(history, to: &network) }
        do {
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        } catch {
            throw InputError(InputIssue(file: outDir, field: "--out-dir", message: "cannot create the folder: \(error.localizedDescription)", hint: "give a folder you can write to"))
        }
        let logger = global.makeLogger("oncall")
        let solver = RosterSolver(solver: GLPKSolver(threads: threads, logger: logger), threads: threads, logger: logger)
        var settings = SolveSettings()
        settings.timeLimit = .milliseconds(Int64(timeLimit * 1000))
        settings.relativeGap = gap / 100
        let progress = quiet ? nil : TerminalProgress(console: Console.current)
        if let progress { settings.progress = { progress.show($0) } }

        Console.print("\(network.name) — rosters for \(year), loads carried month to month")
        Console.print(pad("month", 9) + pad("status", 10) + pad("objective", 11, right: true) + pad("seconds", 9, right: true) + "  largest pool spread")
        var solved: [(roster: Roster, month: RosterMonth)] = []
        for m in 1...12 {
            let month = YearMonth(year: year, month: m)!
            // The previous month's last duties still forbid this month's first days (min_rest_days).
            let rosterMonth = RosterMonth(network: network, month: month, previous: solved.last?.roster)
            let solution = try await solver.solve(rosterMonth, settings: settings)
            progress?.clear()
            let report = SolveReport(solution: solution, month: rosterMonth, threads: threads)
            guard solution.status == .optimal || solution.status == .feasible, let roster = solution.roster else {
                if solution.status == .infeasible {
                    Console.print(report.infeasibleText())
                    throw OncallExitCode.infeasible
                }
                Console.print(report.timeLimitText(seconds: timeLimit))
                throw OncallExitCode.timeLimit
            }
            try write(RosterCSV.render(roster, network: network), to: path("\(month).csv"))
            let measures = LoadMeasures(roster: roster, month: rosterMonth)
            Console.print(
                pad("\(month)", 9) + pad(solution.status.rawValue, 10) + pad(solution.objective.map { format($0) } ?? "—", 11, right: true)
                    + pad(format(solution.elapsed.seconds), 9, right: true) + "  " + format(measures.pools.map(\.spread).max() ?? 0))
            solved.append((roster, rosterMonth))
            // The end-of-month load is next month's history: the optimiser then evens out the year, not the month.
            network.history = Dictionary(uniqueKeysWithValues: measures.members.map { ($0.member, $0.load) })
        }

        let year = FairnessReport(months: solved)
        try write(FairnessJSON(year, network: network.name).text(), to: path("year-fairness.json"))
        Console.print("")
        Console.print("the year \(year.monthsLabel), loads including history:")
        Console.print(year.poolTable().text())
        Console.print("")
        Console.print("wrote \(outDir)/\(self.year)-01.csv … \(self.year)-12.csv and \(outDir)/year-fairness.json")
    }

    private func path(_ name: String) -> String { URL(fileURLWithPath: outDir).appendingPathComponent(name).path }

    private func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError(InputIssue(file: path, message: "cannot write: \(error.localizedDescription)", hint: "check the folder exists and is writable"))
        }
    }
}
