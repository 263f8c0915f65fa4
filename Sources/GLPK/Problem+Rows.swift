// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

extension Problem {
    /// Appends `count` rows (constraints, free by default) and returns the 1-based index of the first one.
    /// - Throws: `GLPKError.invalidArgument` if `count < 1` or the total would exceed GLPK's limit.
    @discardableResult
    public func addRows(_ count: Int) throws -> Int {
        let handle = try self.checkedHandle()
        let existing = Int(glp_get_num_rows(handle))
        guard count >= 1, count <= Self.maximumRows - existing else {
            throw GLPKError.invalidArgument("cannot add \(count) rows to \(existing) (limit \(Self.maximumRows))")
        }
        return Int(glp_add_rows(handle, Int32(count)))
    }

    /// Sets a row name; an empty name removes it.
    /// - Throws: `GLPKError.invalidArgument` for a bad index, a name over 255 bytes or with control characters.
    public func setRowName(_ row: Int, _ name: String) throws {
        let handle = try self.checkedHandle()
        let index = try self.checkRow(row, in: handle)
        try Validation.checkName(name, what: "name of row \(row)")
        glp_set_row_name(handle, index, name)
    }

    /// The row's name, or `nil` if it has none or the index is out of range.
    public func rowName(_ row: Int) -> String? {
        let handle = self.liveHandle()
        guard row >= 1, row <= Int(glp_get_num_rows(handle)) else { return nil }
        return glp_get_row_name(handle, Int32(row)).map { String(cString: $0) }
    }

    /// Sets the bounds of a row's auxiliary variable (the row activity).
    /// - Throws: `GLPKError.invalidArgument` for a bad index, NaN, or lower > upper.
    public func setRowBounds(_ row: Int, _ bounds: Bounds) throws {
        let handle = try self.checkedHandle()
        let index = try self.checkRow(row, in: handle)
        let glpk = try bounds.glpkBounds()
        glp_set_row_bnds(handle, index, glpk.type, glpk.lower, glpk.upper)
    }

    /// The row's bounds, or `nil` if the index is out of range.
    public func rowBounds(_ row: Int) -> Bounds? {
        let handle = self.liveHandle()
        guard row >= 1, row <= Int(glp_get_num_rows(handle)) else { return nil }
        let index = Int32(row)
        return Bounds(
            glpkType: glp_get_row_type(handle, index),
            lower: glp_get_row_lb(handle, index),
            upper: glp_get_row_ub(handle, index)
        )
    }
}
