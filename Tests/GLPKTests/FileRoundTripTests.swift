// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GLPK
import Testing

@Suite("LP and MPS files")
struct FileRoundTripTests {
    /// A fresh directory per test, removed afterwards.
    private func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("glpk-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// Solves the model in `path` read with `read`, after setting the sense (MPS does not carry it).
    private func solve(
        _ path: String,
        read: (Problem, String) throws -> Void,
        direction: Problem.Direction? = nil
    ) throws -> (result: MIPResult, names: [String?], kinds: [ColumnKind?]) {
        try GLPK.withProblem { problem in
            try read(problem, path)
            if let direction { problem.direction = direction }
            let result = try problem.solveMIP()
            let names = (1...problem.columnCount).map { problem.columnName($0) }
            let kinds = (1...problem.columnCount).map { problem.columnKind($0) }
            return (result, names, kinds)
        }
    }

    @Test("A MIP written as LP and as free MPS reads back with the same optimum")
    func roundTrip() throws {
        let knapsack = Knapsack.small(seed: 7)
        let expected = knapsack.bruteForceOptimum()
        try self.withTemporaryDirectory { directory in
            let lpPath = directory.appendingPathComponent("model.lp").path
            let mpsPath = directory.appendingPathComponent("model.mps").path
            let original = try GLPK.withProblem(name: "knapsack") { problem in
                try knapsack.load(into: problem, named: true)
                try problem.writeLP(to: lpPath)
                try problem.writeMPS(to: mpsPath)
                return try problem.solveMIP()
            }
            #expect(original.objective == expected)
            #expect(FileManager.default.fileExists(atPath: lpPath))
            #expect(try String(contentsOfFile: mpsPath, encoding: .utf8).contains("take_0"))

            let fromLP = try self.solve(lpPath, read: { try $0.readLP(from: $1) })
            #expect(fromLP.result.status == .optimal)
            #expect(fromLP.result.objective == expected)
            #expect(fromLP.result.values == original.values)
            #expect(fromLP.names.first == "take_0")
            #expect(fromLP.kinds.allSatisfy { $0 == .binary })

            let fromMPS = try self.solve(mpsPath, read: { try $0.readMPS(from: $1) }, direction: .maximize)
            #expect(fromMPS.result.status == .optimal)
            #expect(fromMPS.result.objective == expected)
            #expect(fromMPS.result.values == original.values)
            #expect(fromMPS.names.last == "take_11")
            #expect(fromMPS.kinds.allSatisfy { $0 == .binary })
        }
    }

    @Test("Writing to a missing directory throws .io naming the path")
    func writeFailure() throws {
        let path = "/nonexistent-glpk-test-dir/model.lp"
        let error = try #require(throws: GLPKError.self) {
            try GLPK.withProblem { problem in
                try loadManualLP(into: problem)
                try problem.writeLP(to: path)
            }
        }
        #expect(error.code == .io)
        #expect(error.message.contains(path))
    }

    @Test("Reading a malformed file throws .io with GLPK's explanation")
    func readFailure() throws {
        try self.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("broken.lp").path
            try "maximize\n obj: 3 x +\nsubject to\n c: x <= \nend\n".write(
                toFile: path,
                atomically: true,
                encoding: .utf8
            )
            let error = try #require(throws: GLPKError.self) {
                try GLPK.withProblem { problem in try problem.readLP(from: path) }
            }
            #expect(error.code == .io)
            #expect(error.message.contains(path))
            #expect(error.message.contains(":"))
            let missing = try #require(throws: GLPKError.self) {
                try GLPK.withProblem { problem in try problem.readMPS(from: path + ".missing") }
            }
            #expect(missing.code == .io)
        }
    }
}
