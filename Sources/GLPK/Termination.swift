// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

/// Why `Problem.solveMIP` stopped. What solution exists is a separate question (`MIPResult.status`):
/// a time limit can still leave a feasible solution.
public enum Termination: Sendable, Equatable {
    /// The search ran to completion: the solution is optimal, or none exists.
    case finished
    /// `timeLimit` was reached (`GLP_ETMLIM`).
    case timeLimit
    /// `relativeGap` was reached (`GLP_EMIPGAP`).
    case gapReached
    /// A callback called `SearchTree.terminate()` (`GLP_ESTOP`).
    case stopped
    /// The LP relaxation is infeasible, so the MIP is too (`GLP_ENOPFS`).
    case noPrimalFeasible
    /// The LP relaxation is unbounded (`GLP_ENODFS`): the MIP is unbounded or infeasible.
    case noDualFeasible
    /// The root LP relaxation could not be solved to optimality (`GLP_EROOT`, or a failed root simplex).
    case rootLPFailed
    /// Any other failure (`GLP_EFAIL`, ...); an incumbent found before it is still reported.
    case solverFailed(ReturnCode)

    init(intoptReturnCode code: ReturnCode) {
        switch code {
        case .success: self = .finished
        case .etmlim: self = .timeLimit
        case .emipgap: self = .gapReached
        case .estop: self = .stopped
        case .enopfs: self = .noPrimalFeasible
        case .enodfs: self = .noDualFeasible
        case .eroot: self = .rootLPFailed
        default: self = .solverFailed(code)
        }
    }
}
