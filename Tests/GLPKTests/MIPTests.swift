// SPDX-License-Identifier: GPL-3.0-or-later

import GLPK
import Testing

@Suite("Branch and cut")
struct MIPTests {
    @Test("Knapsack optimum is 90 (items 2 and 4), with and without presolve", arguments: [true, false])
    func knapsack(presolve: Bool) throws {
        var options = IntegerOptions()
        options.presolve = presolve
        let result = try GLPK.withProblem { problem in
            try Knapsack.classic.load(into: problem)
            let result = try problem.solveMIP(options)
            #expect(problem.mipStatus == .optimal)
            #expect(problem.mipObjective == 90)
            #expect(problem.mipValue(column: 4) == 1)
            return result
        }
        #expect(result.termination == .finished)
        #expect(result.status == .optimal)
        #expect(result.objective == 90)
        #expect(result.bound == 90)
        #expect(result.values == [0, 1, 0, 1])
        #expect(result.returnCode == .success)
    }

    @Test("Small random knapsacks match brute force", arguments: 0..<5)
    func smallKnapsacks(seed: Int) throws {
        let knapsack = Knapsack.small(seed: UInt64(seed))
        let objective = try GLPK.withProblem { problem in
            try knapsack.load(into: problem)
            return try problem.solveMIP().objective
        }
        #expect(objective == knapsack.bruteForceOptimum())
    }

    @Test("General integers and a minimised objective")
    func generalIntegers() throws {
        // minimise 3a + 2b subject to a + b >= 4.5, a <= 3, integers: best is a = 0, b = 5 -> 10.
        let result = try GLPK.withProblem { problem in
            try problem.addColumns(2)
            for column in 1...2 {
                try problem.setColumnKind(column, .integer)
                try problem.setColumnBounds(column, .range(0, column == 1 ? 3 : 10))
            }
            try problem.setObjectiveCoefficient(1, 3)
            try problem.setObjectiveCoefficient(2, 2)
            try problem.addRows(1)
            try problem.setRowBounds(1, .lower(4.5))
            try problem.setRow(1, columns: [1, 2], coefficients: [1, 1])
            #expect(problem.columnKind(1) == .integer)
            return try problem.solveMIP()
        }
        #expect(result.status == .optimal)
        #expect(result.objective == 10)
        #expect(result.values == [0, 5])
    }

    /// x + y >= 3 with binaries: already the LP relaxation is infeasible.
    @Test("Infeasible relaxation: .noPrimalFeasible / .noFeasible", arguments: [true, false])
    func infeasibleRelaxation(presolve: Bool) throws {
        var options = IntegerOptions()
        options.presolve = presolve
        let result = try GLPK.withProblem { problem in
            try problem.addColumns(2)
            try problem.setColumnKind(1, .binary)
            try problem.setColumnKind(2, .binary)
            try problem.addRows(1)
            try problem.setRowBounds(1, .lower(3))
            try problem.setRow(1, columns: [1, 2], coefficients: [1, 1])
            return try problem.solveMIP(options)
        }
        #expect(result.termination == .noPrimalFeasible)
        #expect(result.status == .noFeasible)
        #expect(result.objective == nil)
        #expect(result.values.isEmpty)
    }

    /// 2x + 2y = 3 has the LP solution x + y = 1.5 but no integer one; branch-and-bound must prove it.
    @Test("Integer-infeasible MIP without presolve: search finishes with .noFeasible")
    func integerInfeasible() throws {
        var options = IntegerOptions()
        options.presolve = false
        let result = try GLPK.withProblem { problem in
            try problem.addColumns(2)
            try problem.setColumnKind(1, .integer)
            try problem.setColumnKind(2, .integer)
            try problem.setColumnBounds(1, .range(0, 5))
            try problem.setColumnBounds(2, .range(0, 5))
            try problem.addRows(1)
            try problem.setRowBounds(1, .fixed(3))
            try problem.setRow(1, columns: [1, 2], coefficients: [2, 2])
            let result = try problem.solveMIP(options)
            #expect(problem.primalStatus == .optimal)  // the relaxation was solved first
            return result
        }
        #expect(result.termination == .finished)
        #expect(result.status == .noFeasible)
        #expect(result.objective == nil)
    }

    @Test("Unbounded relaxation: .noDualFeasible / .unbounded", arguments: [true, false])
    func unbounded(presolve: Bool) throws {
        var options = IntegerOptions()
        options.presolve = presolve
        let result = try GLPK.withProblem { problem in
            problem.direction = .maximize
            try problem.addColumns(2)
            try problem.setColumnKind(1, .integer)
            try problem.setColumnBounds(1, .lower(0))
            try problem.setColumnBounds(2, .lower(0))
            try problem.setObjectiveCoefficient(1, 1)
            try problem.addRows(1)
            try problem.setRowBounds(1, .upper(1))
            try problem.setRow(1, columns: [1, 2], coefficients: [1, -1])
            return try problem.solveMIP(options)
        }
        #expect(result.termination == .noDualFeasible)
        #expect(result.status == .unbounded)
    }

    @Test("Cuts, branching and backtracking options still give the optimum")
    func options() throws {
        let knapsack = Knapsack.small(seed: 42)
        var options = IntegerOptions()
        options.cuts = .all
        options.branching = .hybridPseudocost
        options.backtracking = .depthFirst
        options.feasibilityPump = true
        options.proximitySearch = .seconds(1)
        options.timeLimit = .seconds(10)
        let objective = try GLPK.withProblem { problem in
            try knapsack.load(into: problem)
            return try problem.solveMIP(options).objective
        }
        #expect(objective == knapsack.bruteForceOptimum())
    }
}
