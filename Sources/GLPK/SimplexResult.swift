// SPDX-License-Identifier: GPL-3.0-or-later

/// Outcome of `Problem.simplex`.
public struct SimplexResult: Sendable {
    /// `glp_simplex`'s return code: `.success`, or why it stopped early (`.etmlim`, `.eitlim`, `.enopfs`, ...).
    public var returnCode: ReturnCode
    /// Status of the basic solution.
    public var status: SolutionStatus
    /// Objective value of the basic solution (meaningful when `status` is `.optimal` or `.feasible`).
    public var objective: Double

    public init(returnCode: ReturnCode, status: SolutionStatus, objective: Double) {
        self.returnCode = returnCode
        self.status = status
        self.objective = objective
    }
}
