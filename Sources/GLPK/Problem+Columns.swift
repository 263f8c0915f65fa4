// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

extension Problem {
    /// Appends `count` columns (continuous, fixed at 0 by default as in GLPK) and returns the 1-based index
    /// of the first one.
    /// - Throws: `GLPKError.invalidArgument` if `count < 1` or the total would exceed GLPK's limit.
    @discardableResult
    public func addColumns(_ count: Int) throws -> Int {
        let handle = try self.checkedHandle()
        let existing = Int(glp_get_num_cols(handle))
        guard count >= 1, count <= Self.maximumColumns - existing else {
            throw GLPKError.invalidArgument(
                "cannot add \(count) columns to \(existing) (limit \(Self.maximumColumns))"
            )
        }
        return Int(glp_add_cols(handle, Int32(count)))
    }

    /// Sets a column name; an empty name removes it.
    /// - Throws: `GLPKError.invalidArgument` for a bad index, a name over 255 bytes or with control characters.
    public func setColumnName(_ column: Int, _ name: String) throws {
        let handle = try self.checkedHandle()
        let index = try self.checkColumn(column, in: handle)
        try Validation.checkName(name, what: "name of column \(column)")
        glp_set_col_name(handle, index, name)
    }

    /// The column's name, or `nil` if it has none or the index is out of range.
    public func columnName(_ column: Int) -> String? {
        let handle = self.liveHandle()
        guard column >= 1, column <= Int(glp_get_num_cols(handle)) else { return nil }
        return glp_get_col_name(handle, Int32(column)).map { String(cString: $0) }
    }

    /// Sets a column's bounds.
    /// - Throws: `GLPKError.invalidArgument` for a bad index, NaN, or lower > upper.
    public func setColumnBounds(_ column: Int, _ bounds: Bounds) throws {
        let handle = try self.checkedHandle()
        let index = try self.checkColumn(column, in: handle)
        let glpk = try bounds.glpkBounds()
        glp_set_col_bnds(handle, index, glpk.type, glpk.lower, glpk.upper)
    }

    /// The column's bounds, or `nil` if the index is out of range.
    public func columnBounds(_ column: Int) -> Bounds? {
        let handle = self.liveHandle()
        guard column >= 1, column <= Int(glp_get_num_cols(handle)) else { return nil }
        let index = Int32(column)
        return Bounds(
            glpkType: glp_get_col_type(handle, index),
            lower: glp_get_col_lb(handle, index),
            upper: glp_get_col_ub(handle, index)
        )
    }

    /// Sets a column's kind. `.binary` also sets the bounds to 0...1, as `glp_set_col_kind(GLP_BV)` does.
    /// - Throws: `GLPKError.invalidArgument` for a bad index.
    public func setColumnKind(_ column: Int, _ kind: ColumnKind) throws {
        let handle = try self.checkedHandle()
        let index = try self.checkColumn(column, in: handle)
        glp_set_col_kind(handle, index, kind.glpkKind)
    }

    /// The column's kind (`.binary` for an integer column with bounds 0...1), or `nil` if out of range.
    public func columnKind(_ column: Int) -> ColumnKind? {
        let handle = self.liveHandle()
        guard column >= 1, column <= Int(glp_get_num_cols(handle)) else { return nil }
        switch glp_get_col_kind(handle, Int32(column)) {
        case GLP_BV: return .binary
        case GLP_IV: return .integer
        default: return .continuous
        }
    }

    // MARK: - Objective

    /// Sets the objective coefficient of a column (1...columnCount). Use `objectiveConstant` for the constant.
    /// - Throws: `GLPKError.invalidArgument` for a bad index or a non-finite value.
    public func setObjectiveCoefficient(_ column: Int, _ value: Double) throws {
        let handle = try self.checkedHandle()
        let index = try self.checkColumn(column, in: handle)
        try Validation.checkFinite(value, what: "objective coefficient of column \(column)")
        glp_set_obj_coef(handle, index, value)
    }

    /// The objective coefficient of a column, or `nil` if out of range.
    public func objectiveCoefficient(_ column: Int) -> Double? {
        let handle = self.liveHandle()
        guard column >= 1, column <= Int(glp_get_num_cols(handle)) else { return nil }
        return glp_get_obj_coef(handle, Int32(column))
    }

    /// The constant term of the objective (GLPK's coefficient of column 0). Must be finite.
    public var objectiveConstant: Double {
        get {
            glp_get_obj_coef(self.liveHandle(), 0)
        }
        set {
            precondition(newValue.isFinite, "objective constant must be finite, got \(newValue)")
            glp_set_obj_coef(self.mutableHandle(), 0, newValue)
        }
    }
}
