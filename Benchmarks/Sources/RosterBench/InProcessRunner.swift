// SPDX-License-Identifier: GPL-3.0-or-later
// Built only when the root package exports GLPKBackend as a library product and the manifest is
// evaluated with ROSTER_BENCH_IN_PROCESS=1 (see Package.swift).
#if ROSTER_BENCH_IN_PROCESS
import Foundation
import GLPKBackend
import RosterModel
import RosterSolver

/// Solves with the library in this process: GLPKSolver(threads:) + RosterSolver(threads:).solve.
struct InProcessRunner: BenchRunner {
    var label: String { "in-process (GLPKSolver + RosterSolver)" }

    func run(_ prepared: PreparedInstance, timeLimit: Double, threads: Int, scratch: URL) async -> Outcome {
        let start = ContinuousClock.now
        var settings = SolveSettings()
        settings.timeLimit = .milliseconds(Int64(timeLimit * 1000))
        do {
            let solver = GLPKSolver(threads: threads)
            let solution = try await RosterSolver(solver: solver, threads: threads).solve(prepared.month, settings: settings)
            return Outcome(
                status: solution.status.rawValue, objective: solution.objective, bound: solution.bound, gap: solution.relativeGap,
                seconds: solution.elapsed.asSeconds, wall: (ContinuousClock.now - start).asSeconds, parts: solution.components.count,
                variables: solution.components.reduce(0) { $0 + $1.variables },
                constraints: solution.components.reduce(0) { $0 + $1.constraints }, roster: solution.roster)
        } catch {
            return Outcome(status: "error", wall: (ContinuousClock.now - start).asSeconds, note: "\(error)")
        }
    }
}
#endif
