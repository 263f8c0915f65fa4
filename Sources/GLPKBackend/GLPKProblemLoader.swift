// SPDX-License-Identifier: GPL-3.0-or-later
import GLPK
import LinearModel

/// Copies a `LinearModel` into a GLPK problem: the one place the model's 0-based indices become
/// GLPK's 1-based ones.
enum GLPKProblemLoader {
    static func load(_ model: LinearModel, into problem: Problem) throws {
        problem.direction = model.direction == .minimize ? .minimize : .maximize
        problem.objectiveConstant = model.objectiveConstant
        var names = NameTable()
        if !model.variables.isEmpty {
            let first = try problem.addColumns(model.variables.count)
            for (offset, variable) in model.variables.enumerated() {
                let column = first + offset
                try problem.setColumnName(column, names.unique(variable.name, fallback: "x\(column)"))
                switch variable.kind {
                case .binary: try problem.setColumnKind(column, .binary)
                case .integer: try problem.setColumnKind(column, .integer)
                case .continuous: try problem.setColumnKind(column, .continuous)
                }
                try problem.setColumnBounds(column, bounds(variable.lower, variable.upper))
                if variable.objective != 0 { try problem.setObjectiveCoefficient(column, variable.objective) }
            }
        }
        guard !model.constraints.isEmpty else { return }
        let firstRow = try problem.addRows(model.constraints.count)
        var rows: [Int] = [], columns: [Int] = [], coefficients: [Double] = []
        rows.reserveCapacity(model.nonzeroCount)
        columns.reserveCapacity(model.nonzeroCount)
        coefficients.reserveCapacity(model.nonzeroCount)
        for (offset, constraint) in model.constraints.enumerated() {
            let row = firstRow + offset
            try problem.setRowName(row, names.unique(constraint.name, fallback: "r\(row)"))
            try problem.setRowBounds(row, bounds(constraint.lower, constraint.upper))
            for term in constraint.terms {
                rows.append(row)
                columns.append(term.variable.index + 1)
                coefficients.append(term.coefficient)
            }
        }
        if !rows.isEmpty { try problem.loadMatrix(rows: rows, columns: columns, coefficients: coefficients) }
    }

    static func bounds(_ lower: Double?, _ upper: Double?) -> Bounds {
        switch (lower, upper) {
        case (nil, nil): return .free
        case (let l?, nil): return .lower(l)
        case (nil, let u?): return .upper(u)
        case (let l?, let u?): return l == u ? .fixed(l) : .range(l, u)
        }
    }

    /// A name every LP and MPS reader accepts (GLPK, HiGHS, CBC, OR-Tools): letters, digits, `_`
    /// and `.`; anything else becomes `_`, and a closing bracket is dropped.
    static func safeName(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars.prefix(200) {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", ".": result.unicodeScalars.append(scalar)
            case "]", ")": continue
            default: result.append("_")
            }
        }
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) || first == "." { result = "_" + result }
        return result.isEmpty ? "_" : result
    }

    /// Keeps names unique after they are made safe.
    struct NameTable {
        var used = Set<String>()
        mutating func unique(_ name: String, fallback: String) -> String {
            var candidate = GLPKProblemLoader.safeName(name)
            if !used.insert(candidate).inserted {
                candidate = fallback
                while !used.insert(candidate).inserted { candidate += "_" }
            }
            return candidate
        }
    }
}
