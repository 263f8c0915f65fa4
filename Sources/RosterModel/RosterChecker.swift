// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

/// Checks any roster, the solver's or a hand-made one, against every hard rule.
///
/// It shares nothing with the compiler but `RosterMonth`, so a roster the solver returns is
/// checked by independent code before anyone sees it.
public enum RosterChecker {
    public static func check(_ roster: Roster, in month: RosterMonth) -> [Violation] {
        let network = month.network
        var violations: [Violation] = []
        // Resolve each assignment to its pool shift; ones naming nothing coverable are reported here.
        var filled = Array(repeating: [[Int]](repeating: [], count: 2), count: month.poolShifts.count)
        var byMember: [Int: [(index: Int, poolShift: Int)]] = [:]
        for (i, a) in roster.assignments.enumerated() {
            guard let p = network.poolIndex[a.pool], let s = network.shiftIndex[a.shift], let m = network.memberIndex[a.member]
            else {
                violations.append(Violation(.noSuchShift, "\(a.date) \(a.shift), pool \(a.pool): unknown pool, shift or member", assignments: [i]))
                continue
            }
            guard let ps = month.poolShiftIndex(pool: p, date: a.date, shift: s) else {
                let type = month.network.dayType(of: a.date)
                violations.append(Violation(
                    .noSuchShift, "\(a.date) \(a.shift): pool \(a.pool) has no such shift on this date (a \(type.rawValue))", assignments: [i]))
                continue
            }
            filled[ps][a.tier == .primary ? 0 : 1].append(i)
            byMember[m, default: []].append((i, ps))
            let member = network.members[m]
            let pool = network.pools[p]
            if !RosterMonth.belongs(member, to: pool, in: network) {
                violations.append(Violation(.notInPool, "\(a.date) \(a.shift): \(a.member) is not a member of pool \(a.pool) (\(notInPoolReason(member, pool, network)))", assignments: [i]))
            }
            if member.isOff(on: a.date, shift: a.shift) {
                violations.append(Violation(.dayOff, "\(a.date) \(a.shift): \(a.member) is off", assignments: [i]))
            }
            let missing = pool.required(for: a.tier).subtracting(member.skills)
            if !missing.isEmpty {
                violations.append(Violation(.skill, "\(a.date) \(a.shift), pool \(a.pool): \(a.member) lacks \(missing.sorted().joined(separator: ", ")) required of a \(a.tier.rawValue)", assignments: [i]))
            }
        }
        violations += coverage(filled, roster, month)
        for (m, duties) in byMember.sorted(by: { $0.key < $1.key }) {
            violations += memberRules(m, duties, roster, month)
        }
        return violations
    }

    private static func notInPoolReason(_ member: Member, _ pool: Pool, _ network: Network) -> String {
        if member.role != pool.role { return "role \(member.role.rawValue), the pool needs \(pool.role.rawValue)" }
        if member.fte <= 0 { return "fte 0" }
        return "facility \(member.facility) is outside the pool's scope"
    }

    private static func coverage(_ filled: [[[Int]]], _ roster: Roster, _ month: RosterMonth) -> [Violation] {
        let network = month.network
        var violations: [Violation] = []
        for (ps, poolShift) in month.poolShifts.enumerated() {
            let pool = network.pools[poolShift.pool]
            for tier in Tier.allCases {
                let have = filled[ps][tier == .primary ? 0 : 1]
                let need = pool.count(of: tier)
                if have.count != need {
                    violations.append(Violation(
                        .coverage, "\(month.label(poolShift)), pool \(pool.id): \(have.count) \(tier.rawValue)\(have.count == 1 ? "" : "s") of \(need) needed",
                        assignments: have))
                }
            }
            let primaries = filled[ps][0].map { roster.assignments[$0].member }
            let backups = filled[ps][1]
            guard !primaries.isEmpty, !backups.isEmpty else { continue }
            let primaryFacilities = Set(primaries.compactMap { network.memberIndex[$0] }.map { network.members[$0].facility })
            if network.backupOtherFacility(in: pool) {
                for b in backups {
                    guard let m = network.memberIndex[roster.assignments[b].member] else { continue }
                    if primaryFacilities.contains(network.members[m].facility) {
                        violations.append(Violation(
                            .backupOtherFacility, "\(month.label(poolShift)), pool \(pool.id): backup \(network.members[m].id) is from the primary's facility \(network.members[m].facility)",
                            assignments: filled[ps][0] + [b]))
                    }
                }
            }
            if pool.backupSameTeam {
                let teams = Set(primaryFacilities.map { network.teamKey(ofFacility: $0) })
                for b in backups {
                    guard let m = network.memberIndex[roster.assignments[b].member] else { continue }
                    if !teams.contains(network.teamKey(ofFacility: network.members[m].facility)) {
                        violations.append(Violation(
                            .backupSameTeam, "\(month.label(poolShift)), pool \(pool.id): backup \(network.members[m].id) is not in the primary's team",
                            assignments: filled[ps][0] + [b]))
                    }
                }
            }
        }
        return violations
    }

    private static func memberRules(_ m: Int, _ duties: [(index: Int, poolShift: Int)], _ roster: Roster, _ month: RosterMonth) -> [Violation] {
        let network = month.network
        let rules = network.rules
        let member = network.members[m]
        var violations: [Violation] = []
        // One duty per shift, and per-day counts.
        var byShift: [String: [Int]] = [:]
        var byDay: [Int: [Int]] = [:]
        for (i, ps) in duties {
            let poolShift = month.poolShifts[ps]
            byShift[month.label(poolShift), default: []].append(i)
            byDay[poolShift.day, default: []].append(i)
        }
        for (label, list) in byShift.sorted(by: { $0.key < $1.key }) where list.count > 1 {
            violations.append(Violation(.oneDutyPerShift, "\(label): \(member.id) has \(list.count) duties in one shift", assignments: list))
        }
        for (day, list) in byDay.sorted(by: { $0.key < $1.key }) where list.count > rules.maxDutiesPerDay {
            violations.append(Violation(
                .maxDutiesPerDay, "\(month.dates[day]): \(member.id) has \(list.count) duties, at most \(rules.maxDutiesPerDay) a day", assignments: list))
        }
        if rules.minRestDays > 0, let first = byDay.keys.min(), let last = month.restingAfterPreviousMonth(m, on: month.dates[first]) {
            let gap = month.dates[first].dayNumber - last.dayNumber
            violations.append(Violation(
                .minRestDays, "\(member.id): duty on \(month.dates[first]) only \(gap) day\(gap == 1 ? "" : "s") after the duty on \(last) in the previous month (min_rest_days \(rules.minRestDays))",
                assignments: byDay[first]!))
        }
        if rules.minRestDays > 0 {
            let days = byDay.keys.sorted()
            for (a, b) in zip(days, days.dropFirst()) where b - a <= rules.minRestDays {
                violations.append(Violation(
                    .minRestDays, "\(member.id): duty on \(month.dates[b]) only \(b - a) day\(b - a == 1 ? "" : "s") after the duty on \(month.dates[a]) (min_rest_days \(rules.minRestDays))",
                    assignments: byDay[a]! + byDay[b]!))
            }
        }
        if let limit = network.maxDuties(of: member), duties.count > limit {
            violations.append(Violation(.maxDuties, "\(member.id): \(duties.count) duties, at most \(limit)", assignments: duties.map(\.index)))
        }
        if let limit = rules.maxHolidayDuties {
            let holiday = duties.filter { month.isHolidayType(day: month.poolShifts[$0.poolShift].day) }
            if holiday.count > limit {
                violations.append(Violation(
                    .maxHolidayDuties, "\(member.id): \(holiday.count) duties on saturdays, sundays and holidays, at most \(limit)",
                    assignments: holiday.map(\.index)))
            }
        }
        return violations
    }
}

extension Network {
    /// The team a facility belongs to for `backup_same_team`; a facility without a team is a team of its own.
    public func teamKey(ofFacility id: String) -> String {
        guard let f = facilityIndex[id] else { return "facility:" + id }
        return facilities[f].team.map { "team:" + $0 } ?? "facility:" + id
    }
}
