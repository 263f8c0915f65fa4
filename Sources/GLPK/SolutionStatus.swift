// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

/// Status of a basic (simplex) or integer (MIP) solution.
///
/// `infeasible` is GLPK's `GLP_INFEAS` (the *current* basic solution is infeasible, nothing proven);
/// `noFeasible` is `GLP_NOFEAS` (the solver proved that no feasible solution exists), for LPs and MIPs alike.
public enum SolutionStatus: Sendable, Equatable {
    case optimal
    case feasible
    case infeasible
    case noFeasible
    case unbounded
    case undefined

    /// Maps `glp_get_status` / `glp_mip_status` results.
    init(glpk status: Int32) {
        switch status {
        case GLP_OPT: self = .optimal
        case GLP_FEAS: self = .feasible
        case GLP_INFEAS: self = .infeasible
        case GLP_NOFEAS: self = .noFeasible
        case GLP_UNBND: self = .unbounded
        default: self = .undefined
        }
    }

    /// Whether a solution vector exists that satisfies all constraints.
    public var hasSolution: Bool {
        self == .optimal || self == .feasible
    }
}
