// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

/// Pools that share members, and so must be solved together. Pools in different components share
/// nothing (every rule is per member or per pool shift, the objective is a sum), so solving them
/// apart is exact and far faster for GLPK.
public struct Component: Sendable, Equatable {
    /// Pool indices, ascending.
    public var pools: [Int]
    /// Member indices of those pools, ascending.
    public var members: [Int]
    /// Indices into `month.poolShifts` of those pools, in month order.
    public var poolShifts: [Int]

    /// Splits a month into components by connecting pools through the members they share.
    public static func split(_ month: RosterMonth) -> [Component] {
        let poolCount = month.network.pools.count
        var parent = Array(0..<poolCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for pools in month.memberPools where pools.count > 1 {
            for p in pools.dropFirst() { parent[find(p)] = find(pools[0]) }
        }
        var groups: [Int: [Int]] = [:]
        for p in 0..<poolCount { groups[find(p), default: []].append(p) }
        return groups.values.sorted { $0[0] < $1[0] }.map { whole(month, pools: $0) }
            .filter { !$0.poolShifts.isEmpty || !$0.members.isEmpty }
    }

    /// One component holding the given pools (all pools: the whole month as one model).
    public static func whole(_ month: RosterMonth, pools: [Int]? = nil) -> Component {
        let pools = pools ?? Array(month.network.pools.indices)
        let poolSet = Set(pools)
        let members = Set(pools.flatMap { month.poolMembers[$0] }).sorted()
        let shifts = month.poolShifts.indices.filter { poolSet.contains(month.poolShifts[$0].pool) }
        return Component(pools: pools, members: members, poolShifts: shifts)
    }

    /// Number of duty slots: a rough size, used to share the time budget.
    public func slotCount(_ month: RosterMonth) -> Int {
        poolShifts.reduce(0) { total, ps in
            let pool = month.network.pools[month.poolShifts[ps].pool]
            return total + pool.primary + pool.backup
        }
    }

    public func label(_ month: RosterMonth) -> String {
        pools.map { month.network.pools[$0].id }.joined(separator: "+")
    }
}
