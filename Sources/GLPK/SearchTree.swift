// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK
import Logging

/// The branch-and-bound tree, as seen from a `solveMIP` callback.
///
/// Valid only during the callback call it was passed to, on that thread: do not store it or let it escape.
/// Using it afterwards traps (GLPK would read freed memory).
public struct SearchTree {
    private let tree: OpaquePointer
    private let context: MIPSearchContext

    init(tree: OpaquePointer, context: MIPSearchContext) {
        self.tree = tree
        self.context = context
    }

    private func liveTree(_ function: StaticString = #function) -> OpaquePointer {
        precondition(
            self.context.activeTree == self.tree,
            "SearchTree.\(function) used outside the callback call it was passed to"
        )
        return self.tree
    }

    /// Why GLPK called the callback.
    public var reason: CallbackReason {
        CallbackReason(glpk: glp_ios_reason(self.liveTree()))
    }

    /// Relative gap between incumbent and bound; `nil` while there is no incumbent.
    public var relativeGap: Double? {
        let gap = glp_ios_mip_gap(self.liveTree())
        return gap < Double.greatestFiniteMagnitude ? gap : nil
    }

    /// The best bound over all active nodes; `nil` if there is none yet.
    public var bestBound: Double? {
        let tree = self.liveTree()
        let best = glp_ios_best_node(tree)
        guard best != 0 else { return nil }
        let bound = glp_ios_node_bound(tree, best)
        return abs(bound) < Double.greatestFiniteMagnitude ? bound : nil
    }

    /// Objective of the current incumbent, from any source (branch-and-bound, GLPK heuristics, injection).
    public var incumbentObjective: Double? {
        MIPSearchContext.incumbent(of: self.liveTree())
    }

    /// Active (open) nodes, all nodes in the tree, and nodes created so far.
    public var nodeCounts: (active: Int, total: Int, created: Int) {
        var active: Int32 = 0
        var total: Int32 = 0
        var created: Int32 = 0
        glp_ios_tree_size(self.liveTree(), &active, &total, &created)
        return (Int(active), Int(total), Int(created))
    }

    /// Offers a solution found by your own heuristic (`glp_ios_heur_sol`).
    ///
    /// Allowed only when `reason == .heuristic` and the MIP is solved with presolve off (only then are the
    /// tree's columns the problem's columns). Integer columns are rounded to exact integers, then the vector
    /// is checked against the original bounds and rows, because GLPK would accept an infeasible one.
    /// - Parameter values: One value per column, 0-based (`values.count == columnCount`).
    /// - Returns: `true` if GLPK accepted the solution as the new incumbent (it must beat the current one);
    ///   `false` if it was not allowed, infeasible, or not better.
    public func injectHeuristicSolution(_ values: [Double]) -> Bool {
        let tree = self.liveTree()
        let logger = self.context.logger
        guard glp_ios_reason(tree) == GLP_IHEUR else {
            logger.debug("heuristic solution rejected: reason is not .heuristic")
            return false
        }
        guard let feasibility = self.context.feasibility, let problem = glp_ios_get_prob(tree) else {
            logger.debug("heuristic solution rejected: only possible with presolve off")
            return false
        }
        let columnCount = Int(glp_get_num_cols(problem))
        guard values.count == columnCount, columnCount == feasibility.columnCount else {
            logger.debug("heuristic solution rejected: \(values.count) values for \(columnCount) columns")
            return false
        }
        guard values.allSatisfy(\.isFinite) else {
            logger.debug("heuristic solution rejected: non-finite value")
            return false
        }
        // GLPK tests integrality with x != floor(x), so near-integers must be made exact.
        var x = [0.0] + values
        for j in 0..<columnCount where feasibility.isInteger[j] {
            x[j + 1] = x[j + 1].rounded()
        }
        if let violation = feasibility.violation(in: x) {
            logger.debug("heuristic solution rejected: \(violation)")
            return false
        }
        return glp_ios_heur_sol(tree, x) == 0
    }

    /// Asks GLPK to stop the search when the callback returns (`glp_ios_terminate`); `solveMIP` then reports
    /// `.stopped` with the incumbent, if any.
    public func terminate() {
        glp_ios_terminate(self.liveTree())
    }
}

@available(*, unavailable)
extension SearchTree: Sendable {}
