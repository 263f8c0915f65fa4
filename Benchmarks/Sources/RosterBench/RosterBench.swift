// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import RosterModel

@main
struct RosterBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster-bench",
        abstract: "Solve the sample and generated networks with oncall and print one line per instance.",
        discussion: """
            Every roster is re-checked here with RosterChecker (hard-rule violations) and its objective \
            recomputed from the roster with LoadMeasures. Build the solver first: \
            (cd .. && swift build -c release).
            """)

    @Option(name: .customLong("time-limit"), help: "Seconds per instance (the solver's whole-month budget).")
    var timeLimit: Double = 10

    @Option(help: "Solver threads (GLPKSolver and RosterSolver).")
    var threads: Int = 2

    @Option(name: .customLong("repeat"), help: "Solve each instance this many times (the solver's budgets are in wall time, so runs differ).")
    var repeats: Int = 1

    @Option(help: "Only these instances: a name (city, gen-6x40) or name@YYYY-MM; repeat or separate with commas.")
    var only: [String] = []

    @Option(help: "The oncall binary (default: <root>/.build/release/oncall).")
    var oncall: String?

    @Option(help: "The oncall repository root (default: the parent of this package).")
    var root: String?

    @Option(help: "Where rosters, JSON reports and logs go (default: a fresh temporary folder).")
    var work: String?

    @Option(help: "Also write the table as CSV to this file.")
    var csv: String?

    @Option(name: .customLong("write-networks"), help: "Write the selected instances' network files to this folder, print name<TAB>month<TAB>path per instance, and exit.")
    var writeNetworks: String?

    @Flag(help: "Drive the oncall binary even when the in-process solver is built in.")
    var cli = false

    func validate() throws {
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be from 1 to 64") }
        guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() async throws {
        let rootURL = root.map { URL(fileURLWithPath: $0) } ?? Self.defaultRoot
        let instances = Instance.select(Instance.defaultSet(), only: only)
        guard !instances.isEmpty else { throw ValidationError("--only matched no instance; names: \(Set(Instance.defaultSet().map(\.name)).sorted().joined(separator: ", "))") }

        if let writeNetworks {
            let folder = URL(fileURLWithPath: writeNetworks)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for instance in instances {
                let prepared = try PreparedInstance.prepare(instance, root: rootURL, scratch: folder)
                print("\(instance.name)\t\(instance.month)\t\(prepared.path)")
            }
            return
        }

        let scratch = work.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("roster-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let runner = try makeRunner(root: rootURL)

        print("roster-bench  \(Self.timestamp())  root \(rootURL.path) @ \(Self.gitHead(rootURL) ?? "?")")
        print("solver: \(runner.label); time limit \(Self.number(timeLimit)) s; threads \(threads); cores \(ProcessInfo.processInfo.activeProcessorCount)")
        print("work folder: \(scratch.path)")
        print("")
        var table = Table()
        print(table.header())
        for instance in instances {
            let prepared: PreparedInstance
            do {
                prepared = try PreparedInstance.prepare(instance, root: rootURL, scratch: scratch)
            } catch {
                print("\(instance.key): cannot read the network: \(error)")
                continue
            }
            for run in 1...repeats {
                let outcome = await runner.run(prepared, timeLimit: timeLimit, threads: threads, scratch: scratch)
                print(table.add(repeats > 1 ? "\(instance.name)#\(run)" : instance.name, prepared, outcome))
                if let note = outcome.note { print("    note: \(note)") }
            }
        }
        print("")
        print(Table.legend)
        if let csv { try Data(table.csv().utf8).write(to: URL(fileURLWithPath: csv)) }
    }

    func makeRunner(root: URL) throws -> any BenchRunner {
        #if ROSTER_BENCH_IN_PROCESS
        if !cli { return InProcessRunner() }
        #endif
        let binary = oncall.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent(".build/release/oncall")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw ValidationError("no oncall binary at \(binary.path); build it with (cd \(root.path) && swift build -c release), or pass --oncall")
        }
        return CLIRunner(binary: binary)
    }

    /// Sources/RosterBench/RosterBench.swift → Benchmarks → the repository root.
    static var defaultRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func gitHead(_ root: URL) -> String? {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("roster-bench-git-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: out) }
        guard let code = try? runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["git", "-C", root.path, "rev-parse", "--short", "HEAD"], output: out),
            code == 0, let text = try? String(contentsOf: out, encoding: .utf8)
        else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// The result table: fixed-width text for the terminal, CSV for files.
struct Table {
    static let columns: [(title: String, width: Int, right: Bool)] = [
        ("instance", 11, false), ("month", 8, false), ("members", 7, true), ("pools/parts", 11, true), ("vars", 7, true),
        ("rows", 7, true), ("status", 10, false), ("objective", 10, true), ("bound", 10, true), ("gap %", 7, true),
        ("solve s", 8, true), ("wall s", 7, true), ("check", 0, false),
    ]

    static let legend = """
        solve s: the solver's own time (RosterSolver.solve); wall s: around the whole run (with the CLI: process start,
        reading the network, writing roster and JSON).
        check: hard-rule violations RosterChecker finds in the returned roster, and whether the objective recomputed
        from the roster (LoadMeasures: fairness x sum of pool spreads + requests x requests broken) equals the reported one.
        """

    var rows: [[String]] = []

    func header() -> String { line(Self.columns.map(\.title)) }

    mutating func add(_ label: String, _ prepared: PreparedInstance, _ outcome: Outcome) -> String {
        var check = "-"
        if let roster = outcome.roster {
            let violations = RosterChecker.check(roster, in: prepared.month).count
            let recomputed = LoadMeasures(roster: roster, month: prepared.month).objective
            check = "\(violations) viol"
            if let objective = outcome.objective {
                check += abs(recomputed - objective) <= 1e-6 * max(1, abs(objective)) ? ", obj ok" : ", obj \(fmt(recomputed)) ≠"
            }
        }
        let parts: String = outcome.parts.map { String($0) } ?? "-"
        let variables: String = outcome.variables.map { String($0) } ?? "-"
        let constraints: String = outcome.constraints.map { String($0) } ?? "-"
        let objective: String = outcome.objective.map(fmt) ?? "-"
        let bound: String = outcome.bound.map(fmt) ?? "-"
        let gap: String = outcome.gap.map { fmt($0 * 100) } ?? "-"
        let seconds: String = outcome.seconds.map { String(format: "%.2f", $0) } ?? "-"
        var row: [String] = [label, prepared.instance.month.description, String(prepared.network.members.count)]
        row += ["\(prepared.network.pools.count)/\(parts)", variables, constraints, outcome.status, objective, bound, gap]
        row += [seconds, String(format: "%.2f", outcome.wall), check]
        rows.append(row)
        return line(row)
    }

    func line(_ cells: [String]) -> String {
        zip(Self.columns, cells).map { column, cell in
            let space = String(repeating: " ", count: max(0, column.width - cell.count))
            return column.right ? space + cell : cell + space
        }.joined(separator: "  ")
    }

    func csv() -> String {
        ([Self.columns.map(\.title)] + rows).map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }
            .joined(separator: "\n") + "\n"
    }
}

func fmt(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
    return String(format: "%.2f", value)
}
