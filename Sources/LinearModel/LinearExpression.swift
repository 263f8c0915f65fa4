// SPDX-License-Identifier: GPL-3.0-or-later

/// A sum of coefficient·variable terms plus a constant, built up by the compiler.
public struct LinearExpression: Sendable, Equatable, ExpressibleByArrayLiteral {
    public var terms: [Term]
    public var constant: Double

    public init(_ terms: [Term] = [], constant: Double = 0) {
        self.terms = terms
        self.constant = constant
    }

    public init(arrayLiteral elements: Term...) {
        self.init(elements)
    }

    /// Σ variables, each with coefficient 1.
    public init(sum variables: some Sequence<VariableID>) {
        self.init(variables.map { Term($0, 1) })
    }

    public var isEmpty: Bool { terms.isEmpty }

    public mutating func add(_ variable: VariableID, _ coefficient: Double = 1) {
        terms.append(Term(variable, coefficient))
    }

    public mutating func add(_ other: LinearExpression, times factor: Double = 1) {
        terms.append(contentsOf: other.terms.map { Term($0.variable, $0.coefficient * factor) })
        constant += other.constant * factor
    }

    public static func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
        var result = lhs
        result.add(rhs)
        return result
    }

    public static func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
        var result = lhs
        result.add(rhs, times: -1)
        return result
    }

    public static func * (factor: Double, expression: LinearExpression) -> LinearExpression {
        var result = LinearExpression([], constant: 0)
        result.add(expression, times: factor)
        return result
    }

    /// Terms with repeated variables summed and zero coefficients dropped, in variable order:
    /// solvers reject a variable that appears twice in one row.
    public var mergedTerms: [Term] {
        var sums: [VariableID: Double] = [:]
        for term in terms { sums[term.variable, default: 0] += term.coefficient }
        return sums.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { Term($0.key, $0.value) }
    }

    public func value(at values: [Double]) -> Double {
        terms.reduce(constant) { $0 + $1.coefficient * values[$1.variable.index] }
    }
}
