// SPDX-License-Identifier: GPL-3.0-or-later

/// The hard rules that can be switched off one group at a time, to find which of them together
/// make a month impossible. Coverage, days off, skills and one duty per shift always hold.
public enum RuleGroup: String, Sendable, CaseIterable, Hashable, Comparable {
    case maxDutiesPerDay = "max_duties_per_day"
    case minRestDays = "min_rest_days"
    case maxDuties = "max_duties"
    case maxHolidayDuties = "max_holiday_duties"
    case backupOtherFacility = "backup_other_facility"
    case backupSameTeam = "backup_same_team"

    public static func < (lhs: RuleGroup, rhs: RuleGroup) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
