// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

/// Bounds of a row (auxiliary variable) or column (structural variable).
///
/// Infinite values are normalised (`.lower(-.infinity)` is `.free`, `.range(l, .infinity)` is `.lower(l)`),
/// and `.range(l, l)` becomes a fixed bound, because GLPK rejects a double bound with `lb >= ub`.
public enum Bounds: Sendable, Equatable {
    case free
    case lower(Double)
    case upper(Double)
    case range(Double, Double)
    case fixed(Double)

    /// GLPK's `(type, lb, ub)` triple, or a thrown error for bounds GLPK would reject or misuse.
    func glpkBounds() throws -> (type: Int32, lower: Double, upper: Double) {
        switch self {
        case .free:
            return (GLP_FR, 0, 0)
        case .lower(let lower):
            try Self.check(lower, "lower bound")
            if lower == -.infinity { return (GLP_FR, 0, 0) }
            guard lower.isFinite else { throw GLPKError.invalidArgument("lower bound must not be +infinity") }
            return (GLP_LO, lower, 0)
        case .upper(let upper):
            try Self.check(upper, "upper bound")
            if upper == .infinity { return (GLP_FR, 0, 0) }
            guard upper.isFinite else { throw GLPKError.invalidArgument("upper bound must not be -infinity") }
            return (GLP_UP, 0, upper)
        case .fixed(let value):
            guard value.isFinite else { throw GLPKError.invalidArgument("fixed value must be finite, got \(value)") }
            return (GLP_FX, value, value)
        case .range(let lower, let upper):
            try Self.check(lower, "lower bound")
            try Self.check(upper, "upper bound")
            guard lower <= upper else {
                throw GLPKError.invalidArgument("lower bound \(lower) is greater than upper bound \(upper)")
            }
            switch (lower.isFinite, upper.isFinite) {
            case (true, true):
                return lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
            case (true, false):
                return try Bounds.lower(lower).glpkBounds()
            case (false, true):
                return try Bounds.upper(upper).glpkBounds()
            case (false, false):
                guard lower == -.infinity, upper == .infinity else {
                    throw GLPKError.invalidArgument("range \(lower)...\(upper) contains no finite value")
                }
                return (GLP_FR, 0, 0)
            }
        }
    }

    /// The inverse of `glpkBounds()`, for reading bounds back.
    init(glpkType type: Int32, lower: Double, upper: Double) {
        switch type {
        case GLP_LO: self = .lower(lower)
        case GLP_UP: self = .upper(upper)
        case GLP_DB: self = .range(lower, upper)
        case GLP_FX: self = .fixed(lower)
        default: self = .free
        }
    }

    private static func check(_ value: Double, _ what: String) throws {
        if value.isNaN { throw GLPKError.invalidArgument("\(what) is NaN") }
    }
}
