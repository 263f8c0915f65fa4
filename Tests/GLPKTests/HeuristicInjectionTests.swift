// SPDX-License-Identifier: GPL-3.0-or-later

import GLPK
import Testing

@Suite("Heuristic solutions")
struct HeuristicInjectionTests {
    private let knapsack = Knapsack.random(items: 60, rows: 10, seed: 2)

    @Test("A feasible solution injected at the first .heuristic call is accepted and kept or improved")
    func injectGreedy() throws {
        let greedy = self.knapsack.greedy()
        let greedyObjective = self.knapsack.objective(greedy)
        var options = IntegerOptions()
        options.presolve = false
        options.timeLimit = .milliseconds(500)
        var outsideHeuristic: Bool?
        var infeasibleAccepted: Bool?
        var accepted: Bool?
        var incumbentAfterInjection: Double?
        let result = try GLPK.withProblem { problem in
            try self.knapsack.load(into: problem)
            return try problem.solveMIP(options) { tree in
                if outsideHeuristic == nil, tree.reason != .heuristic {
                    outsideHeuristic = tree.injectHeuristicSolution(greedy)
                }
                guard tree.reason == .heuristic, accepted == nil else { return }
                // Everything taken breaks all capacities; GLPK would take it, the wrapper must not.
                infeasibleAccepted = tree.injectHeuristicSolution(Array(repeating: 1, count: 60))
                // Nearly-integral values are rounded to exact 0/1 before GLPK sees them.
                accepted = tree.injectHeuristicSolution(greedy.map { $0 == 1 ? 0.9999999 : 1e-9 })
                incumbentAfterInjection = tree.incumbentObjective
            }
        }
        #expect(outsideHeuristic == false)
        #expect(infeasibleAccepted == false)
        #expect(accepted == true)
        #expect(incumbentAfterInjection.map { abs($0 - greedyObjective) < 1e-6 } == true)
        let objective = try #require(result.objective)
        #expect(objective >= greedyObjective - 1e-6)
        #expect(self.knapsack.isFeasible(result.values))
    }

    @Test("Injection is refused with presolve on (the tree's columns are not the problem's)")
    func refusedWithPresolve() throws {
        var options = IntegerOptions()
        options.presolve = true
        options.timeLimit = .milliseconds(300)
        var attempts: [Bool] = []
        _ = try GLPK.withProblem { problem in
            try self.knapsack.load(into: problem)
            return try problem.solveMIP(options) { tree in
                if tree.reason == .heuristic, attempts.isEmpty {
                    attempts.append(tree.injectHeuristicSolution(self.knapsack.greedy()))
                }
            }
        }
        #expect(attempts == [false])
    }

    @Test("A vector of the wrong length is refused")
    func wrongLength() throws {
        var options = IntegerOptions()
        options.presolve = false
        options.timeLimit = .milliseconds(300)
        var attempt: Bool?
        _ = try GLPK.withProblem { problem in
            try self.knapsack.load(into: problem)
            return try problem.solveMIP(options) { tree in
                if tree.reason == .heuristic, attempt == nil {
                    attempt = tree.injectHeuristicSolution([0, 0, 0])
                }
            }
        }
        #expect(attempt == false)
    }
}
