// SPDX-License-Identifier: GPL-3.0-or-later

/// Something that solves a `LinearModel`: GLPK today; the roster layer never names the backend.
public protocol MIPSolver: Sendable {
    func solve(_ model: LinearModel, options: MIPOptions) async throws -> MIPSolution
}

/// What the caller asks of one solve.
public struct MIPOptions: Sendable {
    /// Wall-clock budget; nil for none.
    public var timeLimit: Duration?
    /// Stop when (incumbent − bound) / |incumbent| falls below this (0 = prove optimality).
    public var relativeGap: Double = 0
    /// A feasible point to start from (checked against the model before use).
    public var startingPoint: [Double]?
    /// Called from the solver's thread when the incumbent or bound changes; must be quick.
    public var progress: (@Sendable (MIPProgress) -> Void)?
    /// Polled by the solver; when it returns true the search stops with the best point so far.
    public var shouldStop: (@Sendable () -> Bool)?

    public init(timeLimit: Duration? = nil, relativeGap: Double = 0) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
    }
}

public struct MIPProgress: Sendable, Equatable {
    public var incumbent: Double?
    public var bound: Double?
    public var elapsed: Duration
    public init(incumbent: Double?, bound: Double?, elapsed: Duration) {
        self.incumbent = incumbent
        self.bound = bound
        self.elapsed = elapsed
    }
}

/// What a solve achieved. An infeasible model is an answer, not an error.
public struct MIPSolution: Sendable {
    public enum Status: String, Sendable, Equatable {
        /// Proven optimal (within the requested gap).
        case optimal
        /// A point was found but the search stopped (time limit or stop request) before proving it.
        case feasible
        /// Proven to have no integral point.
        case infeasible
        /// The objective can improve without limit.
        case unbounded
        /// Stopped (time limit or stop request) before any point was found.
        case noSolutionFound
    }

    public var status: Status
    public var objective: Double?
    public var bound: Double?
    public var values: [Double]
    public var elapsed: Duration
    /// True when the stop came from the time limit.
    public var hitTimeLimit: Bool

    public init(status: Status, objective: Double?, bound: Double?, values: [Double], elapsed: Duration, hitTimeLimit: Bool) {
        self.status = status
        self.objective = objective
        self.bound = bound
        self.values = values
        self.elapsed = elapsed
        self.hitTimeLimit = hitTimeLimit
    }

    /// Relative gap as solvers report it; 0 when proven optimal, nil without a point.
    public var relativeGap: Double? {
        guard let objective else { return nil }
        if status == .optimal { return 0 }
        guard let bound else { return nil }
        return abs(objective - bound) / max(abs(objective), 1e-9)
    }
}
