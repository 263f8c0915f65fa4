// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

/// One duty: a member covering a pool's shift on a date, as primary or backup.
public struct Assignment: Hashable, Sendable, Codable {
    /// The date the shift starts on.
    public var date: CivilDate
    public var shift: String
    public var pool: String
    public var tier: Tier
    public var member: String

    public init(date: CivilDate, shift: String, pool: String, tier: Tier, member: String) {
        self.date = date
        self.shift = shift
        self.pool = pool
        self.tier = tier
        self.member = member
    }
}

/// A month's duties, from the solver, a heuristic or a hand-made file.
public struct Roster: Sendable, Equatable {
    public var month: YearMonth
    public var assignments: [Assignment]

    public init(month: YearMonth, assignments: [Assignment]) {
        self.month = month
        self.assignments = assignments
    }

    /// Assignments in reading order: date, shift start, pool, primary before backup, member.
    public func sorted(in network: Network) -> Roster {
        func start(_ a: Assignment) -> Int { network.shiftIndex[a.shift].map { network.shifts[$0].start.minutes } ?? 0 }
        var copy = self
        copy.assignments.sort {
            precedes(($0.date, start($0), $0.pool, $0.tier, $0.member), ($1.date, start($1), $1.pool, $1.tier, $1.member))
        }
        return copy
    }
}

private func precedes(_ lhs: (CivilDate, Int, String, Tier, String), _ rhs: (CivilDate, Int, String, Tier, String)) -> Bool {
    if lhs.0 != rhs.0 { return lhs.0 < rhs.0 }
    if lhs.1 != rhs.1 { return lhs.1 < rhs.1 }
    if lhs.2 != rhs.2 { return lhs.2 < rhs.2 }
    if lhs.3 != rhs.3 { return lhs.3 < rhs.3 }
    return lhs.4 < rhs.4
}
