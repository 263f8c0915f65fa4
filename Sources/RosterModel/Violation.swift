// SPDX-License-Identifier: GPL-3.0-or-later

/// A hard rule a roster breaks, said in the domain's words.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    /// The rule, named as in the network file.
    public enum Rule: String, Sendable, CaseIterable, Codable {
        case coverage
        case noSuchShift = "no_such_shift"
        case notInPool = "not_in_pool"
        case dayOff = "off"
        case skill = "require"
        case oneDutyPerShift = "one_duty_per_shift"
        case maxDutiesPerDay = "max_duties_per_day"
        case minRestDays = "min_rest_days"
        case maxDuties = "max_duties"
        case maxHolidayDuties = "max_holiday_duties"
        case backupOtherFacility = "backup_other_facility"
        case backupSameTeam = "backup_same_team"
    }

    public var rule: Rule
    public var message: String
    /// Indices into the roster's assignments that take part (empty for a missing duty).
    public var assignments: [Int]

    public init(_ rule: Rule, _ message: String, assignments: [Int] = []) {
        self.rule = rule
        self.message = message
        self.assignments = assignments
    }

    public var description: String { "\(message) [\(rule.rawValue)]" }
}
