// SPDX-License-Identifier: GPL-3.0-or-later

/// A model a solver would refuse (or, for GLPK, abort on): each problem is named.
public struct ModelValidationError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public init(problems: [String]) { self.problems = problems }
    public var description: String { "invalid linear model: " + problems.prefix(5).joined(separator: "; ") }
}

extension LinearModel {
    /// Checks what solvers assume: finite numbers, lower ≤ upper, indices in range, unique names.
    public func validate() throws(ModelValidationError) {
        var problems: [String] = []
        var names = Set<String>()
        for variable in variables {
            if !names.insert("c:" + variable.name).inserted { problems.append("duplicate variable name \(variable.name)") }
            if !variable.objective.isFinite { problems.append("\(variable.name): objective \(variable.objective)") }
            if let l = variable.lower, !l.isFinite { problems.append("\(variable.name): lower bound \(l)") }
            if let u = variable.upper, !u.isFinite { problems.append("\(variable.name): upper bound \(u)") }
            if let l = variable.lower, let u = variable.upper, l > u { problems.append("\(variable.name): bounds \(l) > \(u)") }
        }
        for constraint in constraints {
            if !names.insert("r:" + constraint.name).inserted { problems.append("duplicate row name \(constraint.name)") }
            if let l = constraint.lower, let u = constraint.upper, l > u + 1e-9 {
                problems.append("\(constraint.name): \(l) > \(u)")
            }
            for term in constraint.terms {
                if !(0..<variables.count).contains(term.variable.index) {
                    problems.append("\(constraint.name): unknown variable #\(term.variable.index)")
                } else if !term.coefficient.isFinite {
                    problems.append("\(constraint.name): coefficient \(term.coefficient)")
                }
            }
        }
        if !objectiveConstant.isFinite { problems.append("objective constant \(objectiveConstant)") }
        if !problems.isEmpty { throw ModelValidationError(problems: problems) }
    }
}
