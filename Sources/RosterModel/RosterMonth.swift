// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

/// One shift of one date that one pool must cover.
public struct PoolShift: Sendable, Hashable {
    /// Index into `network.pools`.
    public let pool: Int
    public let date: CivilDate
    /// 0-based day of the month.
    public let day: Int
    /// Index into `network.shifts`.
    public let shift: Int
}

/// Everything a month's roster is made of, worked out once from the network: the dates and their
/// day types, every pool shift to cover, each pool's members, and who is eligible for what.
///
/// The compiler, the heuristics, the checker and the explanations all read this, so they agree on
/// what "eligible" means.
public struct RosterMonth: Sendable {
    public let network: Network
    public let month: YearMonth
    public let dates: [CivilDate]
    public let dayTypes: [DayType]
    /// Ordered by date, then shift start time, then pool.
    public let poolShifts: [PoolShift]
    /// Per pool: indices of members whose role and facility fit and whose fte > 0.
    public let poolMembers: [[Int]]
    /// Per member: indices of the pools they belong to.
    public let memberPools: [[Int]]
    /// Per pool shift, per tier (0 primary, 1 backup): eligible members (in the pool, not off, skills held).
    public let candidates: [[[Int]]]
    /// Per member: the last duty date of the previous month whose rest reaches into this one
    /// (`min_rest_days`), from the previous month's roster when one was given.
    public let carriedRest: [Int: CivilDate]
    private let poolShiftLookup: [PoolShiftKey: Int]

    private struct PoolShiftKey: Hashable {
        let pool: Int, day: Int, shift: Int
    }

    /// - Parameter previous: the previous month's roster, so that a duty on its last days
    ///   still forbids the first days of this month (`min_rest_days`).
    public init(network: Network, month: YearMonth, previous: Roster? = nil) {
        var carried: [Int: CivilDate] = [:]
        if let previous, network.rules.minRestDays > 0 {
            let first = month.firstDay.dayNumber
            for a in previous.assignments where a.date.dayNumber < first && a.date.dayNumber + network.rules.minRestDays >= first {
                guard let m = network.memberIndex[a.member] else { continue }
                if carried[m].map({ $0 < a.date }) ?? true { carried[m] = a.date }
            }
        }
        self.carriedRest = carried
        self.network = network
        self.month = month
        self.dates = month.days
        self.dayTypes = dates.map(network.dayType(of:))
        let shiftOrder = network.shifts.indices.sorted { network.shifts[$0].start < network.shifts[$1].start }
        var poolShifts: [PoolShift] = []
        for (day, date) in dates.enumerated() {
            for s in shiftOrder where network.shifts[s].on.contains(dayTypes[day]) {
                for (p, pool) in network.pools.enumerated() where pool.shifts.contains(network.shifts[s].id) {
                    if pool.primary + pool.backup > 0 { poolShifts.append(PoolShift(pool: p, date: date, day: day, shift: s)) }
                }
            }
        }
        self.poolShifts = poolShifts
        let poolMembers = network.pools.map { pool in
            network.members.indices.filter { RosterMonth.belongs(network.members[$0], to: pool, in: network) }
        }
        self.poolMembers = poolMembers
        var memberPools = Array(repeating: [Int](), count: network.members.count)
        for (p, members) in poolMembers.enumerated() { for m in members { memberPools[m].append(p) } }
        self.memberPools = memberPools
        self.candidates = poolShifts.map { ps in
            let pool = network.pools[ps.pool]
            let shiftID = network.shifts[ps.shift].id
            return Tier.allCases.map { tier in
                guard pool.count(of: tier) > 0 else { return [] }
                let required = pool.required(for: tier)
                return poolMembers[ps.pool].filter { m in
                    let member = network.members[m]
                    return !member.isOff(on: ps.date, shift: shiftID) && required.isSubset(of: member.skills)
                        && !RosterMonth.restsFromPrevious(carried[m], on: ps.date, rules: network.rules)
                }
            }
        }
        self.poolShiftLookup = Dictionary(
            poolShifts.enumerated().map { (PoolShiftKey(pool: $1.pool, day: $1.day, shift: $1.shift), $0) },
            uniquingKeysWith: { a, _ in a })
    }

    /// Whether a duty on the previous month's `last` date still forbids `date`.
    static func restsFromPrevious(_ last: CivilDate?, on date: CivilDate, rules: Rules) -> Bool {
        guard let last else { return false }
        return date.dayNumber - last.dayNumber <= rules.minRestDays
    }

    /// The previous month's duty whose rest forbids a member's duty on `date`, if any.
    public func restingAfterPreviousMonth(_ member: Int, on date: CivilDate) -> CivilDate? {
        guard let last = carriedRest[member], RosterMonth.restsFromPrevious(last, on: date, rules: network.rules) else { return nil }
        return last
    }

    /// Whether a member's role, facility and fte put them in a pool.
    public static func belongs(_ member: Member, to pool: Pool, in network: Network) -> Bool {
        guard member.role == pool.role, member.fte > 0, let f = network.facilityIndex[member.facility] else { return false }
        let facility = network.facilities[f]
        if let kinds = pool.facilityKinds, !kinds.contains(facility.kind) { return false }
        switch pool.scope {
        case .region: return true
        case .district(let d): return facility.district == d
        case .facilities(let ids): return ids.contains(facility.id)
        case .team(let t): return facility.team == t
        }
    }

    public func candidates(_ poolShift: Int, _ tier: Tier) -> [Int] { candidates[poolShift][tier == .primary ? 0 : 1] }

    /// The pool shift for a pool, date and shift, if the pool covers that shift on that date.
    public func poolShiftIndex(pool: Int, date: CivilDate, shift: Int) -> Int? {
        guard month.contains(date) else { return nil }
        return poolShiftLookup[PoolShiftKey(pool: pool, day: date.day - 1, shift: shift)]
    }

    /// Load of one duty: the shift's weight, times the backup weight for a backup.
    public func weight(_ poolShift: PoolShift, _ tier: Tier) -> Double {
        network.shifts[poolShift.shift].weight * (tier == .backup ? network.rules.backupWeight : 1)
    }

    public func isHolidayType(day: Int) -> Bool { dayTypes[day].isHolidayType }

    /// The label people read: "2026-12-31 night".
    public func label(_ poolShift: PoolShift) -> String { "\(poolShift.date) \(network.shifts[poolShift.shift].id)" }
}
