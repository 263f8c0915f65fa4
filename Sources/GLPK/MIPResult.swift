// SPDX-License-Identifier: GPL-3.0-or-later

/// Outcome of `Problem.solveMIP`.
public struct MIPResult: Sendable {
    /// Why the solver stopped.
    public var termination: Termination
    /// What integer solution exists: `.optimal`, `.feasible`, `.noFeasible` (proven), `.unbounded`
    /// (LP relaxation unbounded) or `.undefined` (none found yet).
    public var status: SolutionStatus
    /// Objective of the integer solution; `nil` when there is none.
    public var objective: Double?
    /// Best known bound on the optimum: equal to `objective` when optimal, otherwise the last global bound
    /// seen in the search tree (`nil` if the tree never reported one).
    public var bound: Double?
    /// Column values of the integer solution, 0-based (`values[j - 1]` is column `j`); empty when none.
    public var values: [Double]
    /// Wall-clock time of the whole call, including the root LP.
    public var elapsed: Duration
    /// The raw return code of `glp_intopt` (or of the root `glp_simplex` when that stopped the solve).
    public var returnCode: ReturnCode

    public init(
        termination: Termination,
        status: SolutionStatus,
        objective: Double?,
        bound: Double?,
        values: [Double],
        elapsed: Duration,
        returnCode: ReturnCode
    ) {
        self.termination = termination
        self.status = status
        self.objective = objective
        self.bound = bound
        self.values = values
        self.elapsed = elapsed
        self.returnCode = returnCode
    }

    /// Relative gap between `objective` and `bound` as GLPK defines it, or `nil` if either is missing.
    public var relativeGap: Double? {
        guard let objective = self.objective, let bound = self.bound else { return nil }
        return abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
    }
}
