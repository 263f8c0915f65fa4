// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

/// A snapshot of the problem's bounds, kinds and rows taken before `glp_intopt`.
///
/// `glp_ios_heur_sol` does not check feasibility: an infeasible vector would silently become the incumbent
/// and be returned as "the" solution. During the search the problem object carries node-local bounds, so
/// the check must use the bounds as they were before the solve.
struct FeasibilityCheck {
    private struct Limits {
        var type: Int32
        var lower: Double
        var upper: Double

        func admits(_ value: Double, tolerance: Double) -> Bool {
            switch self.type {
            case GLP_LO: value >= self.lower - tolerance * max(1, abs(self.lower))
            case GLP_UP: value <= self.upper + tolerance * max(1, abs(self.upper))
            case GLP_DB, GLP_FX:
                value >= self.lower - tolerance * max(1, abs(self.lower))
                    && value <= self.upper + tolerance * max(1, abs(self.upper))
            default: true
            }
        }
    }

    private var columns: [Limits] = []
    private(set) var isInteger: [Bool] = []
    private var rows: [(limits: Limits, columns: [Int32], values: [Double])] = []
    /// Absolute/relative tolerance, the same order as GLPK's primal feasibility tolerance.
    private let tolerance = 1e-6

    init(handle: OpaquePointer) {
        let columnCount = Int(glp_get_num_cols(handle))
        for j in 0..<Int32(columnCount) {
            let column = j + 1
            self.columns.append(
                Limits(
                    type: glp_get_col_type(handle, column),
                    lower: glp_get_col_lb(handle, column),
                    upper: glp_get_col_ub(handle, column)
                )
            )
            self.isInteger.append(glp_get_col_kind(handle, column) != GLP_CV)
        }
        var indices = [Int32](repeating: 0, count: columnCount + 1)
        var values = [Double](repeating: 0, count: columnCount + 1)
        for i in 0..<glp_get_num_rows(handle) {
            let row = i + 1
            let length = Int(glp_get_mat_row(handle, row, &indices, &values))
            self.rows.append(
                (
                    Limits(
                        type: glp_get_row_type(handle, row),
                        lower: glp_get_row_lb(handle, row),
                        upper: glp_get_row_ub(handle, row)
                    ),
                    Array(indices[1..<(length + 1)]),
                    Array(values[1..<(length + 1)])
                )
            )
        }
    }

    var columnCount: Int { self.columns.count }

    /// Describes the first violated bound or row of `x` (1-based, `x[0]` unused), or returns `nil`.
    func violation(in x: [Double]) -> String? {
        for (j, limits) in self.columns.enumerated() where !limits.admits(x[j + 1], tolerance: self.tolerance) {
            return "column \(j + 1) = \(x[j + 1]) violates its bounds"
        }
        for (i, row) in self.rows.enumerated() {
            var activity = 0.0
            for (column, value) in zip(row.columns, row.values) {
                activity += value * x[Int(column)]
            }
            if !row.limits.admits(activity, tolerance: self.tolerance) {
                return "row \(i + 1) activity \(activity) violates its bounds"
            }
        }
        return nil
    }
}
