// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

/// The factor that turns every normalised load of a component into an integer.
///
/// Loads are sums of shift weights (1, 1.5, 0.5 for a backup …) divided by fte (1, 0.5, 0.8 …), plus
/// history. With a factor that makes each of those terms integral, the max/min load variables can
/// be integer, and a bound such as "max ≥ average" can be rounded up: GLPK proves far more at the root.
struct LoadScale {
    var factor: Double
    var integral: Bool

    static let largestFactor = 2000

    static func find(month: RosterMonth, component: Component) -> LoadScale {
        let network = month.network
        var values = Set<Double>()
        for m in component.members {
            let member = network.members[m]
            values.insert(network.history(of: member) / member.fte)
            for p in month.memberPools[m] {
                for shift in network.pools[p].shifts {
                    guard let s = network.shiftIndex[shift] else { continue }
                    values.insert(network.shifts[s].weight / member.fte)
                    values.insert(network.shifts[s].weight * network.rules.backupWeight / member.fte)
                }
            }
        }
        let terms = Array(values)
        for factor in 1...largestFactor {
            let f = Double(factor)
            if terms.allSatisfy({ abs(($0 * f) - ($0 * f).rounded()) < 1e-7 * max(1, $0 * f) }) {
                return LoadScale(factor: f, integral: true)
            }
        }
        return LoadScale(factor: 1, integral: false)
    }
}

/// Bounds on a pool's largest and smallest scaled normalised load that hold in every roster.
///
/// Without them GLPK's bound on the spread stays at 0 and the gap never closes (measured: 10
/// physicians, no proof in 60 s; with them, optimal in 0.12 s).
struct FairnessBounds {
    /// The largest load is at least this.
    var maxAtLeast: Double = 0
    /// The smallest load is at most this (nil: no bound known).
    var minAtMost: Double?

    init(month: RosterMonth, pool p: Int, scale: LoadScale, coverageIsExact: Bool = true) {
        let network = month.network
        let members = month.poolMembers[p]
        let histories = members.map { scale.factor * network.history(of: network.members[$0]) / network.members[$0].fte }
        let round: (Double) -> Double = { scale.integral ? $0.rounded() : $0 }
        maxAtLeast = round(histories.max() ?? 0)
        guard coverageIsExact else { return }
        let pool = network.pools[p]
        var totalDemand = 0.0
        var slots = 0
        for (ps, poolShift) in month.poolShifts.enumerated() where poolShift.pool == p {
            for tier in Tier.allCases where pool.count(of: tier) > 0 {
                let weight = month.weight(poolShift, tier)
                totalDemand += Double(pool.count(of: tier)) * weight
                slots += pool.count(of: tier)
                // Someone takes this duty, so the heaviest load is at least the lightest way to give it out.
                let takers = month.candidates(ps, tier).map {
                    scale.factor * (network.history(of: network.members[$0]) + weight) / network.members[$0].fte
                }
                if let lightest = takers.min() { maxAtLeast = max(maxAtLeast, round(lightest)) }
            }
        }
        // When the pool's members serve no other pool, their total load is a constant: the
        // fte-weighted average load lies between the smallest and the largest.
        let exclusive = members.allSatisfy { month.memberPools[$0] == [p] }
        guard exclusive, !members.isEmpty else { return }
        let totalFTE = members.reduce(0) { $0 + network.members[$1].fte }
        let totalLoad = members.reduce(totalDemand) { $0 + network.history(of: network.members[$1]) }
        let average = scale.factor * totalLoad / totalFTE
        if scale.integral {
            maxAtLeast = max(maxAtLeast, (average - 1e-6).rounded(.up))
            minAtMost = (average + 1e-6).rounded(.down)
        } else {
            maxAtLeast = max(maxAtLeast, average)
            minAtMost = average
        }
        // More members than duties: someone gets none, so the smallest load is at most the
        // (slots+1)-th smallest history.
        if members.count > slots {
            let sorted = histories.sorted()
            minAtMost = min(minAtMost ?? .infinity, round(sorted[slots]))
        }
    }
}
