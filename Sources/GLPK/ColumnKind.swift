// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

/// Kind of a structural variable.
public enum ColumnKind: Sendable, Equatable {
    case continuous
    case integer
    /// An integer column with bounds 0...1 (GLPK's `GLP_BV` sets both at once).
    case binary

    var glpkKind: Int32 {
        switch self {
        case .continuous: GLP_CV
        case .integer: GLP_IV
        case .binary: GLP_BV
        }
    }
}
