// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GLPK
import Logging
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Redirects file descriptor 1 to a temporary file while `body` runs and returns what was written.
/// Other tests may print at the same time, so callers look only for GLPK-specific text.
private func capturingStandardOutput(_ body: () throws -> Void) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("stdout-\(UUID().uuidString)").path
    defer { unlink(path) }
    let file = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
    try #require(file >= 0)
    fflush(nil)
    let saved = dup(1)
    dup2(file, 1)
    close(file)
    defer {
        fflush(nil)
        dup2(saved, 1)
        close(saved)
    }
    try body()
    fflush(nil)
    return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}

@Suite("Terminal output")
struct TerminalOutputTests {
    @Test("A verbose solve goes to the logger, not to stdout")
    func verboseSolveIsLogged() throws {
        let recorder = LogRecorder()
        let stdout = try capturingStandardOutput {
            try GLPK.withProblem(logger: recorder.logger()) { problem in
                try loadManualLP(into: problem)
                var simplex = SimplexOptions()
                simplex.messageLevel = .all
                _ = try problem.simplex(simplex)
                var integer = IntegerOptions()
                integer.messageLevel = .all
                try problem.setColumnKind(1, .integer)
                _ = try problem.solveMIP(integer)
            }
        }
        let lines = recorder.lines
        #expect(lines.contains { $0.contains("GLPK Simplex Optimizer") })
        #expect(lines.contains { $0.contains("OPTIMAL LP SOLUTION FOUND") })
        #expect(lines.contains { $0.contains("GLPK Integer Optimizer") })
        // Whole lines are logged, never fragments with embedded newlines.
        #expect(lines.allSatisfy { !$0.contains("\n") })
        #expect(recorder.entries.allSatisfy { $0.level == .debug })
        for marker in ["GLPK Simplex Optimizer", "GLPK Integer Optimizer", "OPTIMAL LP SOLUTION", "Preprocessing"] {
            #expect(!stdout.contains(marker))
        }
    }

    @Test("With the default message level a solve logs nothing")
    func quietByDefault() throws {
        let recorder = LogRecorder()
        try GLPK.withProblem(logger: recorder.logger()) { problem in
            try Knapsack.classic.load(into: problem)
            _ = try problem.solveMIP()
        }
        #expect(recorder.lines.isEmpty)
    }

    @Test("The logger passed to withProblem applies to that call only")
    func loggerScope() throws {
        let first = LogRecorder()
        let second = LogRecorder()
        var options = SimplexOptions()
        options.messageLevel = .all
        for recorder in [first, second] {
            try GLPK.withProblem(logger: recorder.logger()) { problem in
                try loadManualLP(into: problem)
                _ = try problem.simplex(options)
            }
        }
        #expect(!first.lines.isEmpty)
        #expect(first.lines.count == second.lines.count)
    }
}
