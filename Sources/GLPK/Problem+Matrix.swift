// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

extension Problem {
    /// Replaces the coefficients of one row (`glp_set_mat_row`).
    ///
    /// Zero coefficients are accepted and left out of the matrix.
    /// - Throws: `GLPKError.invalidArgument` for mismatched lengths, an index out of range, a repeated column,
    ///   or a non-finite coefficient; GLPK would abort on any of these.
    public func setRow(_ row: Int, columns: [Int], coefficients: [Double]) throws {
        let handle = try self.checkedHandle()
        let rowIndex = try self.checkRow(row, in: handle)
        guard columns.count == coefficients.count else {
            throw GLPKError.invalidArgument(
                "row \(row): \(columns.count) columns but \(coefficients.count) coefficients"
            )
        }
        let columnCount = Int(glp_get_num_cols(handle))
        var seen = Set<Int>(minimumCapacity: columns.count)
        // GLPK's arrays are 1-based; element 0 is ignored.
        var indices: [Int32] = [0]
        var values: [Double] = [0]
        indices.reserveCapacity(columns.count + 1)
        values.reserveCapacity(columns.count + 1)
        for (column, value) in zip(columns, coefficients) {
            guard column >= 1, column <= columnCount else {
                throw GLPKError.invalidArgument("row \(row): column index \(column) out of range 1...\(columnCount)")
            }
            guard seen.insert(column).inserted else {
                throw GLPKError.invalidArgument("row \(row): column \(column) appears more than once")
            }
            try Validation.checkFinite(value, what: "coefficient (\(row), \(column))")
            if value != 0 {
                indices.append(Int32(column))
                values.append(value)
            }
        }
        glp_set_mat_row(handle, rowIndex, Int32(indices.count - 1), indices, values)
    }

    /// Replaces the whole constraint matrix (`glp_load_matrix`) with the triplets `(rows[k], columns[k],
    /// coefficients[k])`. Zero coefficients are accepted and left out.
    /// - Throws: `GLPKError.invalidArgument` for mismatched lengths, an index out of range, a repeated
    ///   `(row, column)` pair, or a non-finite coefficient.
    public func loadMatrix(rows: [Int], columns: [Int], coefficients: [Double]) throws {
        let handle = try self.checkedHandle()
        guard rows.count == columns.count, rows.count == coefficients.count else {
            throw GLPKError.invalidArgument(
                "loadMatrix: \(rows.count) rows, \(columns.count) columns, \(coefficients.count) coefficients"
            )
        }
        guard rows.count < Int(Int32.max) else {
            throw GLPKError.invalidArgument("loadMatrix: too many elements (\(rows.count))")
        }
        let rowCount = Int(glp_get_num_rows(handle))
        let columnCount = Int(glp_get_num_cols(handle))
        var seen = Set<Int>(minimumCapacity: rows.count)
        var rowIndices: [Int32] = [0]
        var columnIndices: [Int32] = [0]
        var values: [Double] = [0]
        rowIndices.reserveCapacity(rows.count + 1)
        columnIndices.reserveCapacity(rows.count + 1)
        values.reserveCapacity(rows.count + 1)
        for k in rows.indices {
            let (row, column, value) = (rows[k], columns[k], coefficients[k])
            guard row >= 1, row <= rowCount else {
                throw GLPKError.invalidArgument("element \(k): row index \(row) out of range 1...\(rowCount)")
            }
            guard column >= 1, column <= columnCount else {
                throw GLPKError.invalidArgument(
                    "element \(k): column index \(column) out of range 1...\(columnCount)"
                )
            }
            // Both indices are bounded by 1e8, so the pair packs into one Int without collisions.
            guard seen.insert(row &* (columnCount + 1) &+ column).inserted else {
                throw GLPKError.invalidArgument("element \(k): duplicate entry (\(row), \(column))")
            }
            try Validation.checkFinite(value, what: "coefficient (\(row), \(column))")
            if value != 0 {
                rowIndices.append(Int32(row))
                columnIndices.append(Int32(column))
                values.append(value)
            }
        }
        glp_load_matrix(handle, Int32(values.count - 1), rowIndices, columnIndices, values)
    }
}
