// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

/// A partial roster of one component that knows, duty by duty, whether a member may take a slot
/// and, if not, why — in the words of the network file.
///
/// The heuristics build and improve rosters through it, and the infeasibility explanation uses
/// the same reasons, so "rx4 rest after 2026-12-30" means the same thing everywhere.
final class RosterState {
    let month: RosterMonth
    let component: Component
    let relaxed: Set<RuleGroup>
    var network: Network { month.network }

    /// Global member index → local index.
    let local: [Int: Int]
    let members: [Int]
    /// Per pool shift (global index) → [primaries, backups] as global member indices.
    private(set) var filled: [Int: [[Int]]]
    /// Per local member.
    private(set) var dutiesOnDay: [[Int]]
    private(set) var duties: [[(poolShift: Int, tier: Tier)]]
    private(set) var holidayDuties: [Int]
    private(set) var load: [Double]
    private(set) var requestsBroken: [Int]
    /// Per local member: the member's pools within the component.
    let pools: [Int]
    let poolMembersLocal: [Int: [Int]]

    init(month: RosterMonth, component: Component, relaxed: Set<RuleGroup> = []) {
        self.month = month
        self.component = component
        self.relaxed = relaxed
        self.members = component.members
        self.local = Dictionary(uniqueKeysWithValues: component.members.enumerated().map { ($1, $0) })
        let n = component.members.count
        self.filled = Dictionary(uniqueKeysWithValues: component.poolShifts.map { ($0, [[Int](), [Int]()]) })
        self.dutiesOnDay = Array(repeating: Array(repeating: 0, count: month.dates.count), count: n)
        self.duties = Array(repeating: [], count: n)
        self.holidayDuties = Array(repeating: 0, count: n)
        self.load = component.members.map { month.network.history(of: month.network.members[$0]) }
        self.requestsBroken = Array(repeating: 0, count: n)
        self.pools = component.pools
        var poolMembersLocal: [Int: [Int]] = [:]
        for p in component.pools { poolMembersLocal[p] = month.poolMembers[p].compactMap { [local] in local[$0] } }
        self.poolMembersLocal = poolMembersLocal
    }

    func members(_ ps: Int, _ tier: Tier) -> [Int] { filled[ps]![tier == .primary ? 0 : 1] }

    func normalized(_ l: Int) -> Double { load[l] / network.members[members[l]].fte }

    // MARK: - Rules

    /// Why member `m` cannot take the slot now; nil when they can.
    func obstacle(_ m: Int, _ ps: Int, _ tier: Tier) -> String? {
        let poolShift = month.poolShifts[ps]
        let pool = network.pools[poolShift.pool]
        let member = network.members[m]
        let shiftID = network.shifts[poolShift.shift].id
        guard let l = local[m], month.poolMembers[poolShift.pool].contains(m) else { return "not in the pool" }
        if member.isOff(on: poolShift.date, shift: shiftID) { return "off" }
        let missing = pool.required(for: tier).subtracting(member.skills)
        if !missing.isEmpty { return "lacks \(missing.sorted().joined(separator: ", "))" }
        if !relaxed.contains(.minRestDays), let last = month.restingAfterPreviousMonth(m, on: poolShift.date) {
            return "rest after \(last) (previous month)"
        }
        let rules = network.rules
        for (other, otherTier) in duties[l] {
            let o = month.poolShifts[other]
            if o.day == poolShift.day && o.shift == poolShift.shift {
                return other == ps ? "already the \(otherTier.rawValue)" : "on duty in \(network.pools[o.pool].id) that shift"
            }
        }
        if !relaxed.contains(.maxDutiesPerDay) && dutiesOnDay[l][poolShift.day] >= rules.maxDutiesPerDay {
            return "has a duty that day"
        }
        if !relaxed.contains(.minRestDays) && rules.minRestDays > 0 {
            let r = rules.minRestDays
            for d in max(0, poolShift.day - r)..<poolShift.day where dutiesOnDay[l][d] > 0 {
                return "rest after \(month.dates[d])"
            }
            for d in (poolShift.day + 1)..<min(month.dates.count, poolShift.day + r + 1) where dutiesOnDay[l][d] > 0 {
                return "rest before \(month.dates[d])"
            }
        }
        if !relaxed.contains(.maxDuties), let limit = network.maxDuties(of: member), duties[l].count >= limit {
            return "already \(duties[l].count) duties (max_duties \(limit))"
        }
        if !relaxed.contains(.maxHolidayDuties), let limit = rules.maxHolidayDuties, month.isHolidayType(day: poolShift.day),
            holidayDuties[l] >= limit
        {
            return "already \(holidayDuties[l]) weekend/holiday duties (max_holiday_duties \(limit))"
        }
        let slots = filled[ps]!
        if !relaxed.contains(.backupOtherFacility) && network.backupOtherFacility(in: pool) {
            let facilities = Set((tier == .primary ? slots[1] : slots[0]).map { network.members[$0].facility })
            if facilities.contains(member.facility) {
                return tier == .backup ? "same facility as the primary" : "same facility as the backup"
            }
        }
        if !relaxed.contains(.backupSameTeam) && pool.backupSameTeam && tier == .backup && !slots[0].isEmpty {
            let teams = Set(slots[0].map { network.teamKey(ofFacility: network.members[$0].facility) })
            if !teams.contains(network.teamKey(ofFacility: member.facility)) { return "not in the primary's team" }
        }
        return nil
    }

    func canTake(_ m: Int, _ ps: Int, _ tier: Tier) -> Bool { obstacle(m, ps, tier) == nil }

    // MARK: - Changes

    func add(_ m: Int, _ ps: Int, _ tier: Tier) {
        let l = local[m]!
        let poolShift = month.poolShifts[ps]
        filled[ps]![tier == .primary ? 0 : 1].append(m)
        dutiesOnDay[l][poolShift.day] += 1
        duties[l].append((ps, tier))
        if month.isHolidayType(day: poolShift.day) { holidayDuties[l] += 1 }
        load[l] += month.weight(poolShift, tier)
        if network.members[m].prefersOff(on: poolShift.date, shift: network.shifts[poolShift.shift].id) { requestsBroken[l] += 1 }
    }

    func remove(_ m: Int, _ ps: Int, _ tier: Tier) {
        let l = local[m]!
        let poolShift = month.poolShifts[ps]
        let t = tier == .primary ? 0 : 1
        if let i = filled[ps]![t].firstIndex(of: m) { filled[ps]![t].remove(at: i) }
        dutiesOnDay[l][poolShift.day] -= 1
        if let i = duties[l].firstIndex(where: { $0.poolShift == ps && $0.tier == tier }) { duties[l].remove(at: i) }
        if month.isHolidayType(day: poolShift.day) { holidayDuties[l] -= 1 }
        load[l] -= month.weight(poolShift, tier)
        if network.members[m].prefersOff(on: poolShift.date, shift: network.shifts[poolShift.shift].id) { requestsBroken[l] -= 1 }
    }

    // MARK: - Measures

    /// The optimiser's objective for this component: fairness × Σ spreads + requests × broken requests.
    func objective() -> Double {
        var total = network.objective.requests * Double(requestsBroken.reduce(0, +))
        guard network.objective.fairness > 0 else { return total }
        for p in pools {
            guard let list = poolMembersLocal[p], !list.isEmpty else { continue }
            var lo = Double.infinity, hi = -Double.infinity
            for l in list {
                let n = normalized(l)
                lo = min(lo, n)
                hi = max(hi, n)
            }
            total += network.objective.fairness * (hi - lo)
        }
        return total
    }

    /// How crowded each pool's extremes are: the members at its smallest and at its largest
    /// normalised load. With the spread unchanged, fewer members there means the next move can
    /// lift the minimum (or lower the maximum): the tie-breaker that moves local search off plateaus.
    func crowding() -> Int {
        var count = 0
        for p in pools {
            guard let list = poolMembersLocal[p], !list.isEmpty else { continue }
            let values = list.map(normalized)
            let lo = values.min()!, hi = values.max()!
            count += values.reduce(0) { $0 + (abs($1 - lo) < 1e-9 ? 1 : 0) + (abs($1 - hi) < 1e-9 ? 1 : 0) }
        }
        return count
    }

    /// The extreme members (lowest and highest normalised load) of every pool, as local indices.
    func extremes() -> [Int] {
        var result = Set<Int>()
        for p in pools {
            guard let list = poolMembersLocal[p], !list.isEmpty else { continue }
            let values = list.map(normalized)
            let lo = values.min()!, hi = values.max()!
            for (l, v) in zip(list, values) where abs(v - lo) < 1e-9 || abs(v - hi) < 1e-9 { result.insert(l) }
        }
        return result.sorted()
    }

    /// Σ squared normalised loads: breaks ties between rosters of equal spread toward even loads.
    func evenness() -> Double {
        (0..<members.count).reduce(0) { $0 + normalized($1) * normalized($1) }
    }

    var missingCount: Int {
        component.poolShifts.reduce(0) { total, ps in
            let pool = network.pools[month.poolShifts[ps].pool]
            return total + pool.primary - filled[ps]![0].count + pool.backup - filled[ps]![1].count
        }
    }

    var dutySet: Set<CompiledRoster.Duty> {
        var set = Set<CompiledRoster.Duty>()
        for (ps, tiers) in filled {
            for m in tiers[0] { set.insert(.init(poolShift: ps, tier: .primary, member: m)) }
            for m in tiers[1] { set.insert(.init(poolShift: ps, tier: .backup, member: m)) }
        }
        return set
    }
}
