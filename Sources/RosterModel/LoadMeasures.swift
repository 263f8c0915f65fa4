// SPDX-License-Identifier: GPL-3.0-or-later

/// A member's load for a month: history plus each duty's weight (backups times `backup_weight`).
public struct MemberLoad: Sendable, Equatable {
    public var member: String
    public var history: Double
    public var load: Double
    /// load / fte.
    public var normalized: Double
    public var primary: Int
    public var backup: Int
    /// Duties given on a `prefer_off` day.
    public var requestsBroken: Int
}

/// How evenly a pool's members carry the load.
public struct PoolSpread: Sendable, Equatable {
    public var pool: String
    /// Largest minus smallest normalised load among the pool's members (fte > 0); 0 for an empty pool.
    public var spread: Double
    public var minimum: Double
    public var maximum: Double
    public var memberCount: Int
}

/// The measures the optimiser works on, computed from a roster alone.
public struct LoadMeasures: Sendable, Equatable {
    public var members: [MemberLoad]
    public var pools: [PoolSpread]
    public var requestsBroken: Int
    /// fairness × Σ spreads + requests × requests broken: the optimiser's objective.
    public var objective: Double

    public init(roster: Roster, month: RosterMonth) {
        let network = month.network
        var loads = network.members.map { network.history(of: $0) }
        var primary = Array(repeating: 0, count: network.members.count)
        var backup = primary
        var broken = primary
        for a in roster.assignments {
            guard let m = network.memberIndex[a.member], let p = network.poolIndex[a.pool], let s = network.shiftIndex[a.shift],
                let ps = month.poolShiftIndex(pool: p, date: a.date, shift: s)
            else { continue }
            loads[m] += month.weight(month.poolShifts[ps], a.tier)
            if a.tier == .primary { primary[m] += 1 } else { backup[m] += 1 }
            if network.members[m].prefersOff(on: a.date, shift: a.shift) { broken[m] += 1 }
        }
        let normalized = network.members.indices.map { network.members[$0].fte > 0 ? loads[$0] / network.members[$0].fte : 0 }
        self.members = network.members.indices.map { m in
            MemberLoad(
                member: network.members[m].id, history: network.history(of: network.members[m]), load: loads[m],
                normalized: normalized[m], primary: primary[m], backup: backup[m], requestsBroken: broken[m])
        }
        self.pools = network.pools.indices.map { p in
            let values = month.poolMembers[p].map { normalized[$0] }
            let lo = values.min() ?? 0, hi = values.max() ?? 0
            return PoolSpread(pool: network.pools[p].id, spread: hi - lo, minimum: lo, maximum: hi, memberCount: values.count)
        }
        self.requestsBroken = broken.reduce(0, +)
        self.objective = network.objective.fairness * pools.reduce(0) { $0 + $1.spread }
            + network.objective.requests * Double(requestsBroken)
    }
}
