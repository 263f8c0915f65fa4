// SPDX-License-Identifier: GPL-3.0-or-later

/// A mixed-integer linear model, independent of any solver.
///
/// The roster compiler writes into this type and tests inspect it without solving; a backend
/// (GLPK today) turns it into its own problem. Variables and constraints are append-only, so an
/// index handed out stays valid.
public struct LinearModel: Sendable {
    public var name: String
    public var direction: OptimizationDirection = .minimize
    public var objectiveConstant: Double = 0
    public private(set) var variables: [Variable] = []
    public private(set) var constraints: [Constraint] = []

    public init(name: String) {
        self.name = name
    }

    /// Adds a variable and returns its identifier.
    @discardableResult
    public mutating func addVariable(
        _ name: String, kind: VariableKind, lower: Double? = 0, upper: Double? = nil, objective: Double = 0
    ) -> VariableID {
        let id = VariableID(index: variables.count)
        let (lo, up): (Double?, Double?) = kind == .binary ? (Swift.max(lower ?? 0, 0), Swift.min(upper ?? 1, 1)) : (lower, upper)
        variables.append(Variable(name: name, kind: kind, lower: lo, upper: up, objective: objective))
        return id
    }

    /// Adds `lower ≤ Σ terms ≤ upper` (either side may be open) and returns its index.
    @discardableResult
    public mutating func addConstraint(_ name: String, _ expression: LinearExpression, _ relation: Relation) -> Int {
        let (lower, upper): (Double?, Double?)
        switch relation {
        case .lessOrEqual(let u): (lower, upper) = (nil, u - expression.constant)
        case .greaterOrEqual(let l): (lower, upper) = (l - expression.constant, nil)
        case .equal(let v): (lower, upper) = (v - expression.constant, v - expression.constant)
        case .between(let l, let u): (lower, upper) = (l - expression.constant, u - expression.constant)
        }
        constraints.append(Constraint(name: name, terms: expression.mergedTerms, lower: lower, upper: upper))
        return constraints.count - 1
    }

    /// Changes a variable's bounds after it was added (used to fix or relax variables).
    public mutating func setBounds(_ id: VariableID, lower: Double?, upper: Double?) {
        variables[id.index].lower = lower
        variables[id.index].upper = upper
    }

    public mutating func setObjective(_ id: VariableID, _ coefficient: Double) {
        variables[id.index].objective = coefficient
    }

    public var integerVariableCount: Int { variables.lazy.filter { $0.kind != .continuous }.count }
    public var nonzeroCount: Int { constraints.reduce(0) { $0 + $1.terms.count } }
}

public enum OptimizationDirection: Sendable, Equatable { case minimize, maximize }

public enum VariableKind: Sendable, Equatable { case continuous, integer, binary }

public struct VariableID: Hashable, Sendable, Comparable {
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (lhs: VariableID, rhs: VariableID) -> Bool { lhs.index < rhs.index }
}

public struct Variable: Sendable, Equatable {
    public var name: String
    public var kind: VariableKind
    /// nil means unbounded on that side.
    public var lower: Double?
    public var upper: Double?
    public var objective: Double
}

/// One row: `lower ≤ Σ coefficient·variable ≤ upper`.
public struct Constraint: Sendable, Equatable {
    public var name: String
    public var terms: [Term]
    public var lower: Double?
    public var upper: Double?
}

public struct Term: Sendable, Equatable {
    public var variable: VariableID
    public var coefficient: Double
    public init(_ variable: VariableID, _ coefficient: Double) {
        self.variable = variable
        self.coefficient = coefficient
    }
}

public enum Relation: Sendable, Equatable {
    case lessOrEqual(Double)
    case greaterOrEqual(Double)
    case equal(Double)
    case between(Double, Double)
}
