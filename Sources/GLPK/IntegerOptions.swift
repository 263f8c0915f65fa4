// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

/// Options for `Problem.solveMIP` (a validated subset of `glp_iocp`).
public struct IntegerOptions: Sendable {
    /// Cut families GLPK may generate.
    public struct Cuts: OptionSet, Sendable {
        public let rawValue: Int

        public init(rawValue: Int) {
            self.rawValue = rawValue
        }

        /// Gomory mixed-integer cuts (`gmi_cuts`).
        public static let gomory = Cuts(rawValue: 1 << 0)
        /// Mixed-integer rounding cuts (`mir_cuts`).
        public static let mir = Cuts(rawValue: 1 << 1)
        /// Mixed cover cuts (`cov_cuts`).
        public static let cover = Cuts(rawValue: 1 << 2)
        /// Clique cuts (`clq_cuts`).
        public static let clique = Cuts(rawValue: 1 << 3)
        public static let all: Cuts = [.gomory, .mir, .cover, .clique]
    }

    /// Branching rule (`br_tech`).
    public enum Branching: Sendable, Equatable {
        case firstFractional, lastFractional, mostFractional, driebeckTomlin, hybridPseudocost

        var glpkValue: Int32 {
            switch self {
            case .firstFractional: GLP_BR_FFV
            case .lastFractional: GLP_BR_LFV
            case .mostFractional: GLP_BR_MFV
            case .driebeckTomlin: GLP_BR_DTH
            case .hybridPseudocost: GLP_BR_PCH
            }
        }
    }

    /// Node selection rule (`bt_tech`).
    public enum Backtracking: Sendable, Equatable {
        case depthFirst, breadthFirst, bestProjection, bestLocalBound

        var glpkValue: Int32 {
            switch self {
            case .depthFirst: GLP_BT_DFS
            case .breadthFirst: GLP_BT_BFS
            case .bestProjection: GLP_BT_BPH
            case .bestLocalBound: GLP_BT_BLB
            }
        }
    }

    /// Wall-clock limit for the whole solve, including the root LP (`tm_lim`); `nil` means none.
    /// GLPK checks it between nodes, so expect some overshoot.
    public var timeLimit: Duration? = nil
    /// Stop when the relative gap falls to this value (`mip_gap`); must be finite and >= 0.
    public var relativeGap: Double = 0
    /// Use the MIP presolver. When off, `solveMIP` solves the LP relaxation itself first (GLPK requires it).
    /// Heuristic solutions can only be injected with presolve off (the tree's columns are then the
    /// problem's own columns).
    public var presolve: Bool = true
    /// Feasibility pump at the root (`fp_heur`).
    public var feasibilityPump: Bool = false
    /// Proximity search at the root (`ps_heur`) with this time budget; it is clamped to the remaining
    /// `timeLimit` because GLPK does not count it against `tm_lim`.
    public var proximitySearch: Duration? = nil
    public var cuts: Cuts = []
    public var branching: Branching = .driebeckTomlin
    public var backtracking: Backtracking = .bestLocalBound
    /// How much GLPK prints to the thread's logger.
    public var messageLevel: MessageLevel = .errors

    public init() {}
}
