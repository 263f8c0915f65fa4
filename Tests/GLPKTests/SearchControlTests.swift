// SPDX-License-Identifier: GPL-3.0-or-later

import GLPK
import Testing

/// A 60-item, 10-row 0-1 knapsack that GLPK does not solve within seconds.
private let hard = Knapsack.random(items: 60, rows: 10, seed: 1)

@Suite("Limits and callbacks")
struct SearchControlTests {
    @Test("A 0.2 s time limit stops a hard MIP with .timeLimit well within 2 s", arguments: [true, false])
    func timeLimit(presolve: Bool) throws {
        var options = IntegerOptions()
        options.timeLimit = .milliseconds(200)
        options.presolve = presolve
        let clock = ContinuousClock()
        let start = clock.now
        let result = try GLPK.withProblem { problem in
            try hard.load(into: problem)
            return try problem.solveMIP(options)
        }
        let elapsed = clock.now - start
        #expect(result.termination == .timeLimit)
        #expect(result.returnCode == .etmlim)
        #expect(elapsed < .seconds(2))
        #expect(result.elapsed <= elapsed)
        if result.status == .feasible {
            let objective = try #require(result.objective)
            #expect(hard.isFeasible(result.values))
            #expect(abs(hard.objective(result.values) - objective) < 1e-6)
            // For a maximisation the bound lies above every feasible objective.
            let bound = try #require(result.bound)
            #expect(bound >= objective - 1e-6)
        } else {
            #expect(result.status == .undefined)
            #expect(result.values.isEmpty)
        }
    }

    @Test("Proximity search is clamped to the time limit")
    func proximitySearchClamped() throws {
        var options = IntegerOptions()
        options.timeLimit = .milliseconds(300)
        options.proximitySearch = .seconds(60)
        let clock = ContinuousClock()
        let start = clock.now
        let result = try GLPK.withProblem { problem in
            try hard.load(into: problem)
            return try problem.solveMIP(options)
        }
        #expect(clock.now - start < .seconds(3))
        #expect(result.termination == .timeLimit)
    }

    @Test("terminate() after the first incumbent gives .stopped with a feasible solution")
    func cancellation() throws {
        var reasons: [CallbackReason] = []
        var incumbentSeen: Double?
        var options = IntegerOptions()
        options.timeLimit = .seconds(20)  // a safety net; the callback should stop far earlier
        let result = try GLPK.withProblem { problem in
            try hard.load(into: problem)
            return try problem.solveMIP(options) { tree in
                reasons.append(tree.reason)
                #expect(tree.nodeCounts.created >= tree.nodeCounts.active)
                if let incumbent = tree.incumbentObjective, incumbentSeen == nil {
                    incumbentSeen = incumbent
                    #expect(tree.relativeGap != nil)
                    tree.terminate()
                }
            }
        }
        #expect(result.termination == .stopped)
        #expect(result.returnCode == .estop)
        #expect(result.status == .feasible)
        #expect(result.values.count == 60)
        #expect(hard.isFeasible(result.values))
        #expect(result.objective == incumbentSeen)
        #expect(result.elapsed < .seconds(5))
        #expect(reasons.contains(.select))
    }

    @Test("The bound reported after a stop is a valid upper bound for the maximisation")
    func boundAfterStop() throws {
        var options = IntegerOptions()
        options.timeLimit = .milliseconds(500)
        var nodesSeen = 0
        let result = try GLPK.withProblem { problem in
            try hard.load(into: problem)
            return try problem.solveMIP(options) { tree in
                nodesSeen = max(nodesSeen, tree.nodeCounts.created)
                if let bound = tree.bestBound, let incumbent = tree.incumbentObjective {
                    #expect(bound >= incumbent - 1e-6)
                }
            }
        }
        #expect(nodesSeen > 1)
        let bound = try #require(result.bound)
        let objective = try #require(result.objective)
        #expect(bound >= objective - 1e-6)
        // The LP relaxation bound can only be weaker than the search's bound.
        let relaxation = try GLPK.withProblem { problem in
            try hard.load(into: problem)
            return try problem.simplex().objective
        }
        #expect(bound <= relaxation + 1e-6)
    }

    @Test("A relative gap of 5 % ends the search with .gapReached or .finished")
    func gap() throws {
        var options = IntegerOptions()
        options.relativeGap = 0.05
        options.timeLimit = .seconds(20)
        let result = try GLPK.withProblem { problem in
            try hard.load(into: problem)
            return try problem.solveMIP(options)
        }
        #expect(result.termination == .gapReached || result.termination == .finished)
        let gap = try #require(result.relativeGap)
        #expect(gap <= 0.05 + 1e-9)
    }
}
