// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK
import Logging

/// State shared between `solveMIP` and GLPK's callback (`cb_info`).
///
/// It records the last global bound and incumbent on every callback, so that `MIPResult` can report a bound
/// after GLPK has destroyed the tree, and it holds the caller's closure. Used on one thread only.
final class MIPSearchContext {
    let callback: ((SearchTree) -> Void)?
    let logger: Logger
    /// Present when heuristic solutions may be injected (presolve off and a callback given).
    let feasibility: FeasibilityCheck?
    /// The tree currently inside a callback; a `SearchTree` is only valid while it matches.
    private(set) var activeTree: OpaquePointer?
    private(set) var bestBound: Double?
    private(set) var incumbent: Double?

    init(callback: ((SearchTree) -> Void)?, logger: Logger, feasibility: FeasibilityCheck?) {
        self.callback = callback
        self.logger = logger
        self.feasibility = feasibility
    }

    /// The C callback GLPK calls (`cb_func`); `info` is an unretained pointer to the context.
    static let trampoline: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
        guard let tree, let info else { return }
        Unmanaged<MIPSearchContext>.fromOpaque(info).takeUnretainedValue().handle(tree)
    }

    private func handle(_ tree: OpaquePointer) {
        let best = glp_ios_best_node(tree)
        if best != 0 {
            let bound = glp_ios_node_bound(tree, best)
            // GLPK initialises unsolved nodes with -/+DBL_MAX, which is no bound at all.
            if abs(bound) < Double.greatestFiniteMagnitude { self.bestBound = bound }
        }
        self.incumbent = Self.incumbent(of: tree)
        guard let callback = self.callback else { return }
        self.activeTree = tree
        defer { self.activeTree = nil }
        callback(SearchTree(tree: tree, context: self))
    }

    /// The objective of the tree problem's incumbent. Polled because heuristic incumbents raise no event.
    static func incumbent(of tree: OpaquePointer) -> Double? {
        guard let problem = glp_ios_get_prob(tree) else { return nil }
        let status = glp_mip_status(problem)
        guard status == GLP_OPT || status == GLP_FEAS else { return nil }
        return glp_mip_obj_val(problem)
    }
}
