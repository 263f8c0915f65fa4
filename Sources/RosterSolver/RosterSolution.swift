// SPDX-License-Identifier: GPL-3.0-or-later
import LinearModel
import RosterModel

/// What `roster solve` achieved: the roster (when there is one), how good it is and how sure we are.
public struct RosterSolution: Sendable {
    public enum Status: String, Sendable, Equatable {
        /// Every component proven optimal (within the requested gap).
        case optimal
        /// A roster holding every hard rule, not proven optimal within the time.
        case feasible
        /// No roster can hold every hard rule: see `infeasibility`.
        case infeasible
        /// The time ran out before a roster was found for some component.
        case timeLimitNoRoster = "time_limit"
    }

    public var status: Status
    public var roster: Roster?
    /// fairness × Σ spreads + requests × broken requests (+ gap penalties with --allow-gaps).
    public var objective: Double?
    public var bound: Double?
    public var elapsed: Duration
    public var components: [ComponentReport]
    public var measures: LoadMeasures?
    /// With `allowGaps`: each duty left uncovered, explained.
    public var uncovered: [UncoveredSlot]
    /// For an infeasible month: why.
    public var infeasibility: InfeasibilityReport?
    /// Independent check of the returned roster; empty unless something is badly wrong (or gaps were allowed).
    public var violations: [Violation]

    public var relativeGap: Double? {
        guard let objective, let bound else { return nil }
        if status == .optimal { return 0 }
        return abs(objective - bound) / max(abs(objective), 1e-9)
    }
}

/// How one independent part of the month was solved.
public struct ComponentReport: Sendable {
    public var pools: [String]
    public var members: Int
    public var variables: Int
    public var constraints: Int
    public var status: MIPSolution.Status
    public var objective: Double?
    public var bound: Double?
    /// Objective of the heuristic roster the solver started from (nil when none was found).
    public var heuristicObjective: Double?
    public var seconds: Double
}

/// One duty no one could take, and why each pool member could not.
public struct UncoveredSlot: Sendable, Equatable, CustomStringConvertible {
    public var date: String
    public var shift: String
    public var pool: String
    public var tier: Tier
    public var missing: Int
    public var requiredSkills: [String]
    /// (member id, reason) for every member of the pool.
    public var reasons: [(member: String, reason: String)]

    public static func == (lhs: UncoveredSlot, rhs: UncoveredSlot) -> Bool {
        lhs.description == rhs.description
    }

    public var description: String {
        let skill = requiredSkills.isEmpty ? "" : " with skill \(requiredSkills.joined(separator: ", "))"
        let who = reasons.isEmpty ? "the pool has no members" : reasons.map { "\($0.member) \($0.reason)" }.joined(separator: ", ")
        return "\(date) \(shift), pool \(pool): needs \(missing) \(tier.rawValue)\(missing == 1 ? "" : "s")\(skill); \(who)"
    }
}

/// Why a month has no roster.
public struct InfeasibilityReport: Sendable, Equatable {
    /// Duties that cannot be filled, each with every member considered and why they are unavailable.
    public var slots: [UncoveredSlot]
    /// The smallest set of rule groups that, with coverage, days off and skills, cannot all hold;
    /// empty when days off and skills alone make the month impossible.
    public var conflictingRules: [RuleGroup]
    /// Rule groups any one of which, relaxed alone, would make the month possible.
    public var relaxingAnyOneHelps: [RuleGroup]
    /// Pools involved.
    public var pools: [String]
}
