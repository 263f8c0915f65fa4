// SPDX-License-Identifier: GPL-3.0-or-later

import GLPK
import Testing

/// Every case here would make GLPK call abort(); reaching the `#expect` at all proves the process survived.
@Suite("Argument validation")
struct ValidationTests {
    /// Runs `body` on a problem with 2 rows and 3 columns and returns the error it throws.
    private func error(_ body: (Problem) throws -> Void) throws -> GLPKError {
        try #require(throws: GLPKError.self) {
            try GLPK.withProblem { problem in
                try problem.addRows(2)
                try problem.addColumns(3)
                try body(problem)
            }
        }
    }

    @Test("Indices out of range are rejected")
    func badIndices() throws {
        let cases: [(Problem) throws -> Void] = [
            { try $0.setRowBounds(3, .upper(1)) },
            { try $0.setRowBounds(0, .upper(1)) },
            { try $0.setColumnBounds(4, .lower(0)) },
            { try $0.setColumnKind(-1, .binary) },
            { try $0.setObjectiveCoefficient(0, 1) },
            { try $0.setRowName(5, "r") },
            { try $0.setColumnName(0, "c") },
            { try $0.setRow(1, columns: [1, 4], coefficients: [1, 1]) },
            { try $0.setRow(9, columns: [1], coefficients: [1]) },
            { try $0.loadMatrix(rows: [3], columns: [1], coefficients: [1]) },
            { try $0.loadMatrix(rows: [1], columns: [0], coefficients: [1]) },
            { try $0.addRows(0) },
            { try $0.addColumns(-2) },
        ]
        for body in cases {
            #expect(try self.error(body).code == .invalidArgument)
        }
    }

    @Test("Lower bound above upper bound, and NaN bounds, are rejected")
    func badBounds() throws {
        let error = try self.error { try $0.setColumnBounds(1, .range(2, 1)) }
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("greater"))
        #expect(try self.error { try $0.setRowBounds(1, .range(5, -5)) }.code == .invalidArgument)
        #expect(try self.error { try $0.setRowBounds(1, .lower(.nan)) }.code == .invalidArgument)
        #expect(try self.error { try $0.setRowBounds(1, .fixed(.infinity)) }.code == .invalidArgument)
        #expect(try self.error { try $0.setRowBounds(1, .upper(-.infinity)) }.code == .invalidArgument)
    }

    @Test("Equal range bounds become a fixed bound; infinite ends are dropped")
    func boundNormalisation() throws {
        try GLPK.withProblem { problem in
            try problem.addRows(1)
            try problem.addColumns(1)
            try problem.setColumnBounds(1, .range(4, 4))
            #expect(problem.columnBounds(1) == .fixed(4))
            try problem.setColumnBounds(1, .range(-.infinity, 4))
            #expect(problem.columnBounds(1) == .upper(4))
            try problem.setRowBounds(1, .range(1, .infinity))
            #expect(problem.rowBounds(1) == .lower(1))
            try problem.setRowBounds(1, .lower(-.infinity))
            #expect(problem.rowBounds(1) == .free)
            try problem.setColumnKind(1, .binary)
            #expect(problem.columnBounds(1) == .range(0, 1))
            #expect(problem.columnKind(1) == .binary)
        }
    }

    @Test("Duplicate matrix entries are rejected")
    func duplicates() throws {
        let inLoad = try self.error {
            try $0.loadMatrix(rows: [1, 2, 1], columns: [1, 1, 1], coefficients: [1, 2, 3])
        }
        #expect(inLoad.code == .invalidArgument)
        #expect(inLoad.message.contains("duplicate"))
        let inRow = try self.error { try $0.setRow(2, columns: [3, 1, 3], coefficients: [1, 1, 1]) }
        #expect(inRow.code == .invalidArgument)
        #expect(try self.error { try $0.setRow(1, columns: [1], coefficients: [1, 2]) }.code == .invalidArgument)
        let notFinite = try self.error { try $0.loadMatrix(rows: [1], columns: [1], coefficients: [.nan]) }
        #expect(notFinite.code == .invalidArgument)
    }

    @Test("Names over 255 bytes or with control characters are rejected; 255 bytes are fine")
    func names() throws {
        let tooLong = try self.error { try $0.setRowName(1, String(repeating: "r", count: 256)) }
        #expect(tooLong.code == .invalidArgument)
        // 128 two-byte characters are 256 bytes: GLPK counts bytes.
        let tooManyBytes = try self.error { try $0.setColumnName(1, String(repeating: "é", count: 128)) }
        #expect(tooManyBytes.code == .invalidArgument)
        #expect(try self.error { try $0.setColumnName(1, "a\tb") }.code == .invalidArgument)
        #expect(try self.error { try $0.setColumnName(1, "a\u{0}b") }.code == .invalidArgument)
        #expect(throws: GLPKError.self) { try GLPK.withProblem(name: String(repeating: "p", count: 300)) { _ in } }
        try GLPK.withProblem { problem in
            try problem.addColumns(1)
            let name = String(repeating: "c", count: 255)
            try problem.setColumnName(1, name)
            #expect(problem.columnName(1) == name)
            try problem.setColumnName(1, "")
            #expect(problem.columnName(1) == nil)
            #expect(problem.columnName(2) == nil)
        }
    }

    @Test("Zero coefficients are accepted and skipped")
    func zeros() throws {
        let objective = try GLPK.withProblem { problem in
            try loadManualLP(into: problem)
            try problem.setRow(1, columns: [1, 2, 3], coefficients: [1, 1, 1])
            try problem.addColumns(1)
            try problem.setRow(2, columns: [1, 2, 3, 4], coefficients: [10, 4, 5, 0])
            return try problem.simplex().objective
        }
        #expect(abs(objective - 2200.0 / 3.0) < 1e-6)
    }

    @Test("Bad solver options and fractional bounds on integer columns are rejected")
    func solverOptions() throws {
        var negative = IntegerOptions()
        negative.timeLimit = .seconds(-1)
        #expect(try self.error { _ = try $0.solveMIP(negative) }.code == .invalidArgument)
        var gap = IntegerOptions()
        gap.relativeGap = .nan
        #expect(try self.error { _ = try $0.solveMIP(gap) }.code == .invalidArgument)
        var simplex = SimplexOptions()
        simplex.timeLimit = .milliseconds(-5)
        #expect(try self.error { _ = try $0.simplex(simplex) }.code == .invalidArgument)
        let fractional = try self.error { problem in
            try problem.setColumnKind(2, .integer)
            try problem.setColumnBounds(2, .range(0, 2.5))
            _ = try problem.solveMIP()
        }
        #expect(fractional.code == .invalidArgument)
        #expect(fractional.message.contains("column 2"))
    }

    @Test("Changing the problem from inside the MIP callback throws .invalidState")
    func mutationDuringSolve() throws {
        var caught: GLPKError?
        try GLPK.withProblem { problem in
            try Knapsack.random(items: 30, rows: 5, seed: 3).load(into: problem)
            var options = IntegerOptions()
            options.timeLimit = .seconds(5)
            _ = try problem.solveMIP(options) { tree in
                guard caught == nil else { return }
                do {
                    try problem.addRows(1)
                } catch let error as GLPKError {
                    caught = error
                } catch {}
                tree.terminate()
            }
            #expect(problem.rowCount == 5)
        }
        #expect(caught?.code == .invalidState)
    }
}
