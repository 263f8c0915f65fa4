// SPDX-License-Identifier: GPL-3.0-or-later

import GLPK
import Logging
import Synchronization

// MARK: - Log capture

/// Collects log lines so tests can see what the term hook forwarded.
final class LogRecorder: Sendable {
    private let storage = Mutex<[(level: Logger.Level, text: String)]>([])

    var lines: [String] {
        self.storage.withLock { $0.map(\.text) }
    }

    var entries: [(level: Logger.Level, text: String)] {
        self.storage.withLock { $0 }
    }

    func append(_ level: Logger.Level, _ text: String) {
        self.storage.withLock { $0.append((level, text)) }
    }

    func logger() -> Logger {
        Logger(label: "glpk-test") { _ in RecordingLogHandler(recorder: self) }
    }
}

struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        self.recorder.append(event.level, event.message.description)
    }
}

// MARK: - Deterministic random numbers

/// SplitMix64: a fixed seed gives the same instance on every platform and run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - Models

/// A 0-1 knapsack (one row) or multi-dimensional knapsack (several rows), maximised.
struct Knapsack: Sendable {
    var values: [Double]
    var weights: [[Double]]  // weights[row][item]
    var capacities: [Double]

    var itemCount: Int { self.values.count }

    /// Loads the model into `problem`: columns 1...n binary, rows 1...m capacity constraints.
    func load(into problem: Problem, named: Bool = false) throws {
        problem.direction = .maximize
        try problem.addColumns(self.itemCount)
        for item in 0..<self.itemCount {
            try problem.setColumnKind(item + 1, .binary)
            try problem.setObjectiveCoefficient(item + 1, self.values[item])
            if named { try problem.setColumnName(item + 1, "take_\(item)") }
        }
        try problem.addRows(self.capacities.count)
        for (row, capacity) in self.capacities.enumerated() {
            try problem.setRowBounds(row + 1, .upper(capacity))
            try problem.setRow(row + 1, columns: Array(1...self.itemCount), coefficients: self.weights[row])
            if named { try problem.setRowName(row + 1, "capacity_\(row)") }
        }
    }

    func isFeasible(_ x: [Double]) -> Bool {
        zip(self.weights, self.capacities).allSatisfy { weights, capacity in
            zip(weights, x).reduce(0) { $0 + $1.0 * $1.1 } <= capacity + 1e-9
        }
    }

    func objective(_ x: [Double]) -> Double {
        zip(self.values, x).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Greedy by value per total weight: a feasible, usually non-optimal solution.
    func greedy() -> [Double] {
        let order = (0..<self.itemCount).sorted { a, b in
            let wa = self.weights.reduce(0) { $0 + $1[a] }
            let wb = self.weights.reduce(0) { $0 + $1[b] }
            return self.values[a] / wa > self.values[b] / wb
        }
        var x = [Double](repeating: 0, count: self.itemCount)
        for item in order {
            x[item] = 1
            if !self.isFeasible(x) { x[item] = 0 }
        }
        return x
    }

    /// Exhaustive optimum for small instances (n <= ~16).
    func bruteForceOptimum() -> Double {
        precondition(self.itemCount <= 20)
        var best = 0.0
        for mask in 0..<(1 << self.itemCount) {
            let x = (0..<self.itemCount).map { (mask >> $0) & 1 == 1 ? 1.0 : 0.0 }
            if self.isFeasible(x) { best = max(best, self.objective(x)) }
        }
        return best
    }

    /// Hand-checked instance: values 10, 40, 30, 50; weights 5, 4, 6, 3; capacity 10.
    /// Best is items 2 and 4: weight 7, value 90 (2+3 gives 70, 3+4 gives 80, three items never fit).
    static let classic = Knapsack(values: [10, 40, 30, 50], weights: [[5, 4, 6, 3]], capacities: [10])

    /// Random multi-dimensional 0-1 knapsack with correlated values: hard for plain branch-and-bound.
    static func random(items: Int, rows: Int, seed: UInt64) -> Knapsack {
        var rng = SplitMix64(seed: seed)
        var weights: [[Double]] = []
        for _ in 0..<rows {
            weights.append((0..<items).map { _ in Double(Int.random(in: 1...1000, using: &rng)) })
        }
        let values = (0..<items).map { item in
            (weights.reduce(0) { $0 + $1[item] } / Double(rows)).rounded() + Double(Int.random(in: 1...50, using: &rng))
        }
        let capacities = weights.map { $0.reduce(0, +) / 2 }
        return Knapsack(values: values, weights: weights, capacities: capacities)
    }

    /// A small random knapsack (one row) for many quick solves.
    static func small(seed: UInt64) -> Knapsack {
        var rng = SplitMix64(seed: seed)
        let weights = (0..<12).map { _ in Double(Int.random(in: 1...30, using: &rng)) }
        let values = (0..<12).map { _ in Double(Int.random(in: 1...40, using: &rng)) }
        return Knapsack(values: values, weights: [weights], capacities: [weights.reduce(0, +) / 2.5])
    }
}

/// The introductory LP from the GLPK reference manual:
/// maximise 10 x1 + 6 x2 + 4 x3 subject to
///   x1 + x2 + x3 <= 100, 10 x1 + 4 x2 + 5 x3 <= 600, 2 x1 + 2 x2 + 6 x3 <= 300, x >= 0.
/// Optimum z = 733.333 at x = (33.333, 66.667, 0).
func loadManualLP(into problem: Problem) throws {
    problem.direction = .maximize
    try problem.addRows(3)
    try problem.setRowName(1, "p")
    try problem.setRowBounds(1, .upper(100))
    try problem.setRowName(2, "q")
    try problem.setRowBounds(2, .upper(600))
    try problem.setRowName(3, "r")
    try problem.setRowBounds(3, .upper(300))
    try problem.addColumns(3)
    for (j, c) in [10.0, 6, 4].enumerated() {
        try problem.setColumnName(j + 1, "x\(j + 1)")
        try problem.setColumnBounds(j + 1, .lower(0))
        try problem.setObjectiveCoefficient(j + 1, c)
    }
    try problem.loadMatrix(
        rows: [1, 1, 1, 2, 2, 2, 3, 3, 3],
        columns: [1, 2, 3, 1, 2, 3, 1, 2, 3],
        coefficients: [1, 1, 1, 10, 4, 5, 2, 2, 6]
    )
}
