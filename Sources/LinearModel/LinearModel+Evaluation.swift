// SPDX-License-Identifier: GPL-3.0-or-later

extension LinearModel {
    /// The objective at a point.
    public func objective(at values: [Double]) -> Double {
        zip(variables, values).reduce(objectiveConstant) { $0 + $1.0.objective * $1.1 }
    }

    /// Every bound, integrality and row violated at a point, by name; empty when the point is feasible.
    /// Used to check a heuristic solution before a solver is told about it (GLPK trusts injected points).
    public func violations(at values: [Double], tolerance: Double = 1e-6) -> [String] {
        guard values.count == variables.count else {
            return ["point has \(values.count) values, model has \(variables.count) variables"]
        }
        var found: [String] = []
        for (variable, value) in zip(variables, values) {
            if let lower = variable.lower, value < lower - tolerance { found.append("\(variable.name) = \(value) < \(lower)") }
            if let upper = variable.upper, value > upper + tolerance { found.append("\(variable.name) = \(value) > \(upper)") }
            if variable.kind != .continuous, abs(value - value.rounded()) > tolerance {
                found.append("\(variable.name) = \(value) is not integral")
            }
        }
        for constraint in constraints {
            let activity = constraint.terms.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
            if let lower = constraint.lower, activity < lower - tolerance {
                found.append("\(constraint.name): \(activity) < \(lower)")
            }
            if let upper = constraint.upper, activity > upper + tolerance {
                found.append("\(constraint.name): \(activity) > \(upper)")
            }
        }
        return found
    }

    /// The smallest positive step between two objective values of integral points, when the objective
    /// is a rational combination of integer variables only; nil otherwise.
    ///
    /// A bound can then be rounded up to the next step: an incumbent at that rounded bound is optimal
    /// even though a relative-gap test would not say so.
    public var objectiveStep: Double? {
        var coefficients: [Double] = []
        for variable in variables where variable.objective != 0 {
            guard variable.kind != .continuous else { return nil }
            coefficients.append(abs(variable.objective))
        }
        guard let first = coefficients.first else { return nil }
        // Work on a fine grid (1e-6) so decimal weights like 0.25 and 100/3 round to integers.
        let scale = 1_000_000.0
        var step: Int = 0
        for c in coefficients {
            let scaled = (c * scale).rounded()
            guard abs(scaled - c * scale) < 1e-3 * max(1, c), scaled < 9e15 else { return nil }
            step = gcd(step, Int(scaled))
        }
        _ = first
        return step == 0 ? nil : Double(step) / scale
    }
}

private func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (abs(a), abs(b))
    while y != 0 { (x, y) = (y, x % y) }
    return x
}
