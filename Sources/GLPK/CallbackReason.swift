// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

/// Why GLPK called the MIP callback (`glp_ios_reason`). Stock GLPK calls it for every reason; return quickly
/// from the ones you do not handle.
public enum CallbackReason: Sendable, Equatable {
    /// `GLP_ISELECT`: no current node; a node is about to be selected.
    case select
    /// `GLP_IPREPRO`: a node was selected, its LP is not solved yet.
    case preprocess
    /// `GLP_IROWGEN`: the node LP is optimal and better than the incumbent.
    case rowGeneration
    /// `GLP_IHEUR`: the node LP is fractional; the only moment a heuristic solution may be injected.
    case heuristic
    /// `GLP_ICUTGEN`: cuts may be added.
    case cutGeneration
    /// `GLP_IBRANCH`: a branching variable is about to be chosen.
    case branching
    /// `GLP_IBINGO`: branch-and-bound found a better integer solution (heuristic incumbents do not raise it).
    case newIncumbent
    /// A code this wrapper does not know.
    case other(Int32)

    init(glpk reason: Int32) {
        switch reason {
        case GLP_ISELECT: self = .select
        case GLP_IPREPRO: self = .preprocess
        case GLP_IROWGEN: self = .rowGeneration
        case GLP_IHEUR: self = .heuristic
        case GLP_ICUTGEN: self = .cutGeneration
        case GLP_IBRANCH: self = .branching
        case GLP_IBINGO: self = .newIncumbent
        default: self = .other(reason)
        }
    }
}
