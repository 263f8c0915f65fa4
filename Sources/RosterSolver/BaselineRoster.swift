// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

/// The rosters people make without an optimiser, as yardsticks for fairness benchmarks: both hold
/// every hard rule, neither looks at the spread.
///
/// - round robin: each pool walks through its members in the network file's order, the next one
///   who may take the slot gets it — the rotation (輪番制) associations draw up by hand;
/// - greedy least-loaded: each slot goes to whoever ends up least loaded — the heuristic's
///   construction without its local search.
public enum BaselineRoster {
    /// A rotation through each pool's members; nil when a slot can be filled neither by the
    /// rotation nor by moving one blocking duty.
    public static func roundRobin(_ month: RosterMonth) -> Roster? {
        let state = RosterState(month: month, component: Component.whole(month))
        var next = Array(repeating: 0, count: month.network.pools.count)
        for ps in state.component.poolShifts {
            let p = month.poolShifts[ps].pool
            let members = month.poolMembers[p]
            for tier in Tier.allCases {
                for _ in 0..<month.network.pools[p].count(of: tier) {
                    let turn = members.indices.lazy.map { (next[p] + $0) % members.count }.first { state.canTake(members[$0], ps, tier) }
                    if let turn {
                        state.add(members[turn], ps, tier)
                        next[p] = (turn + 1) % members.count
                    } else if !HeuristicRoster.repair(state, ps, tier) {
                        return nil
                    }
                }
            }
        }
        return roster(state)
    }

    /// Each slot to the least loaded candidate, slots by date (scarcest shifts first when by date
    /// leaves a slot empty); nil when neither order fills every slot.
    public static func greedy(_ month: RosterMonth) -> Roster? {
        for order in [HeuristicRoster.Order.byDate, .scarceFirst] {
            let state = RosterState(month: month, component: Component.whole(month))
            HeuristicRoster.construct(state, order: order)
            if state.missingCount == 0 { return roster(state) }
        }
        return nil
    }

    private static func roster(_ state: RosterState) -> Roster? {
        guard state.missingCount == 0 else { return nil }
        let month = state.month
        let network = month.network
        let assignments = state.filled.flatMap { ps, tiers in
            Tier.allCases.enumerated().flatMap { t, tier in
                tiers[t].map { m in
                    let poolShift = month.poolShifts[ps]
                    return Assignment(
                        date: poolShift.date, shift: network.shifts[poolShift.shift].id, pool: network.pools[poolShift.pool].id,
                        tier: tier, member: network.members[m].id)
                }
            }
        }
        return Roster(month: month.month, assignments: assignments).sorted(in: network)
    }
}
