// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// What one solve of one instance gave.
struct Outcome: Sendable {
    /// optimal | feasible | infeasible | time_limit | error
    var status: String
    var objective: Double?
    var bound: Double?
    /// Relative gap, 0…1.
    var gap: Double?
    /// The solver's own elapsed time (RosterSolver.solve), without process start and file reading.
    var seconds: Double?
    /// Wall time around the whole run (for the CLI: process start to exit).
    var wall: Double
    var parts: Int?
    var variables: Int?
    var constraints: Int?
    var roster: Roster?
    var note: String?
}

protocol BenchRunner: Sendable {
    var label: String { get }
    func run(_ prepared: PreparedInstance, timeLimit: Double, threads: Int, scratch: URL) async -> Outcome
}

// MARK: - The oncall binary

/// Runs `oncall roster solve … --json` and reads the JSON and the roster CSV back.
struct CLIRunner: BenchRunner {
    var binary: URL
    var label: String { "oncall CLI (\(binary.path))" }

    /// The subset of the `--json` report the table needs.
    struct Report: Decodable {
        struct Part: Decodable {
            var variables: Int
            var constraints: Int
        }
        var status: String
        var objective: Double?
        var bound: Double?
        var gap: Double?
        var seconds: Double
        var parts: [Part]
    }

    func run(_ prepared: PreparedInstance, timeLimit: Double, threads: Int, scratch: URL) async -> Outcome {
        let stem = scratch.appendingPathComponent("\(prepared.instance.name)-\(prepared.instance.month)")
        let csv = stem.appendingPathExtension("csv"), json = stem.appendingPathExtension("json")
        let log = stem.appendingPathExtension("log")
        for file in [csv, json] { try? FileManager.default.removeItem(at: file) }
        let arguments = [
            "roster", "solve", prepared.path, "--month", prepared.instance.month.description, "--out", csv.path, "--json", json.path,
            "--time-limit", String(timeLimit), "--threads", String(threads), "--quiet",
        ]
        let start = ContinuousClock.now
        let code: Int32
        do {
            code = try runProcess(binary, arguments, output: log)
        } catch {
            return Outcome(status: "error", wall: (ContinuousClock.now - start).asSeconds, note: "cannot run \(binary.path): \(error)")
        }
        let wall = (ContinuousClock.now - start).asSeconds
        switch code {
        case 0: break
        case 3: return Outcome(status: "infeasible", wall: wall, note: "exit 3, see \(log.path)")
        case 4: return Outcome(status: "time_limit", wall: wall, note: "no roster in time (exit 4)")
        default:
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            let last = text.split(separator: "\n").last.map(String.init) ?? ""
            return Outcome(status: "error", wall: wall, note: "exit \(code): \(last)")
        }
        do {
            let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: json))
            let document = try RosterCSV.load(path: csv.path, network: prepared.network, month: prepared.instance.month)
            return Outcome(
                status: report.status, objective: report.objective, bound: report.bound, gap: report.gap, seconds: report.seconds,
                wall: wall, parts: report.parts.count, variables: report.parts.reduce(0) { $0 + $1.variables },
                constraints: report.parts.reduce(0) { $0 + $1.constraints }, roster: document.roster)
        } catch {
            return Outcome(status: "error", wall: wall, note: "cannot read the solver's output: \(error)")
        }
    }
}

/// Runs a program to the end with stdout and stderr in one file; returns its exit status.
func runProcess(_ executable: URL, _ arguments: [String], output: URL) throws -> Int32 {
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    defer { try? handle.close() }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

extension Duration {
    var asSeconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
