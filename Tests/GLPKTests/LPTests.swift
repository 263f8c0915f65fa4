// SPDX-License-Identifier: GPL-3.0-or-later

import GLPK
import Testing

@Suite("Simplex")
struct LPTests {
    @Test("The GLPK manual's LP has optimum 733.333 at (33.333, 66.667, 0)")
    func manualExample() throws {
        let (result, values) = try GLPK.withProblem(name: "sample") { problem in
            try loadManualLP(into: problem)
            let result = try problem.simplex()
            #expect(problem.primalStatus == .optimal)
            #expect(abs(problem.objectiveValue - 2200.0 / 3.0) < 1e-6)
            return (result, problem.primalValues())
        }
        #expect(result.returnCode == .success)
        #expect(result.status == .optimal)
        #expect(abs(result.objective - 2200.0 / 3.0) < 1e-6)
        #expect(values.count == 3)
        #expect(abs(values[0] - 100.0 / 3.0) < 1e-6)
        #expect(abs(values[1] - 200.0 / 3.0) < 1e-6)
        #expect(abs(values[2]) < 1e-9)
    }

    @Test("The same LP with the presolver gives the same optimum")
    func manualExampleWithPresolve() throws {
        var options = SimplexOptions()
        options.presolve = true
        let result = try GLPK.withProblem { problem in
            try loadManualLP(into: problem)
            return try problem.simplex(options)
        }
        #expect(result.status == .optimal)
        #expect(abs(result.objective - 2200.0 / 3.0) < 1e-6)
    }

    /// maximise x + y subject to x - y <= 1, x, y >= 0: y can grow without limit.
    @Test("An unbounded LP reports .unbounded")
    func unbounded() throws {
        for presolve in [false, true] {
            var options = SimplexOptions()
            options.presolve = presolve
            let result = try GLPK.withProblem { problem in
                problem.direction = .maximize
                try problem.addColumns(2)
                for column in 1...2 {
                    try problem.setColumnBounds(column, .lower(0))
                    try problem.setObjectiveCoefficient(column, 1)
                }
                try problem.addRows(1)
                try problem.setRowBounds(1, .upper(1))
                try problem.setRow(1, columns: [1, 2], coefficients: [1, -1])
                return try problem.simplex(options)
            }
            #expect(result.status == .unbounded, "presolve \(presolve)")
        }
    }

    /// x + y >= 3 with x, y in [0, 1] has no solution.
    @Test("An infeasible LP reports .noFeasible")
    func infeasible() throws {
        for presolve in [false, true] {
            var options = SimplexOptions()
            options.presolve = presolve
            let result = try GLPK.withProblem { problem in
                try problem.addColumns(2)
                try problem.setColumnBounds(1, .range(0, 1))
                try problem.setColumnBounds(2, .range(0, 1))
                try problem.addRows(1)
                try problem.setRowBounds(1, .lower(3))
                try problem.setRow(1, columns: [1, 2], coefficients: [1, 1])
                return try problem.simplex(options)
            }
            #expect(result.status == .noFeasible, "presolve \(presolve)")
            if presolve { #expect(result.returnCode == .enopfs) }
        }
    }

    @Test("The objective constant is added to the optimum")
    func objectiveConstant() throws {
        let objective = try GLPK.withProblem { problem in
            try loadManualLP(into: problem)
            problem.objectiveConstant = 100
            #expect(problem.objectiveConstant == 100)
            return try problem.simplex().objective
        }
        #expect(abs(objective - (2200.0 / 3.0 + 100)) < 1e-6)
    }
}
