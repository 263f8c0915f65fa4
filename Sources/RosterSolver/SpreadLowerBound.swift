// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

/// The smallest spread a pool can have given only what loads each member can reach and the
/// pool's fixed total load — a bound the LP relaxation cannot see.
///
/// A member's load is their history plus a sum of duty weights, so it lives on a lattice (three
/// hospital physicians sharing 31 nights cannot all carry 10⅓). When a pool's members serve no
/// other pool, their loads add up to a constant; the spread is at least the narrowest window of
/// normalised loads for which every member has a reachable load inside it and those loads can add
/// up to that constant. Each check is a subset-sum over members; only windows around the average
/// are tried. The result is a valid cut `max − min ≥ bound`: with it, GLPK proves at the root a
/// roster the heuristic already found.
enum SpreadLowerBound {
    /// In scaled normalised-load units (see `LoadScale`); nil when no bound beyond 0 is known.
    /// Stops at `budget`, returning the spread reached: every narrower window was ruled out.
    static func compute(month: RosterMonth, pool p: Int, scale: LoadScale, budget: Duration = .milliseconds(500), maxSteps: Int = 64) -> Double? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: budget)
        let network = month.network
        let members = month.poolMembers[p]
        guard scale.integral, !members.isEmpty, members.allSatisfy({ month.memberPools[$0] == [p] }) else { return nil }
        let pool = network.pools[p]
        // Weights each member may take, and the pool's total demand.
        var demand = 0.0
        var weights = Set<Double>()
        for poolShift in month.poolShifts where poolShift.pool == p {
            for tier in Tier.allCases where pool.count(of: tier) > 0 {
                let w = month.weight(poolShift, tier)
                demand += Double(pool.count(of: tier)) * w
                weights.insert(w)
            }
        }
        // Raw loads in integer units of 1/K.
        let histories = members.map { network.history(of: network.members[$0]) }
        guard let k = integerUnit(for: Array(weights) + histories + [demand]) else { return nil }
        let unitWeights = Array(Set(weights.map { Int(($0 * k).rounded()) })).filter { $0 > 0 }.sorted()
        let total = Int(((demand + histories.reduce(0, +)) * k).rounded())
        guard total > 0, total <= 200_000, !unitWeights.isEmpty else { return nil }
        let ftes = members.map { network.members[$0].fte }
        let hist = histories.map { Int(($0 * k).rounded()) }
        // Fewest duties that reach each extra load (unbounded knapsack on counts).
        let extraCap = total
        var fewest = Array(repeating: Int.max, count: extraCap + 1)
        fewest[0] = 0
        for v in 1...max(1, extraCap) where v <= extraCap {
            for w in unitWeights where w <= v && fewest[v - w] != Int.max {
                fewest[v] = min(fewest[v], fewest[v - w] + 1)
            }
        }
        let limits = members.map { network.maxDuties(of: network.members[$0]) ?? Int.max }
        let average = scale.factor * Double(total) / (k * ftes.reduce(0, +))
        // Which raw loads (history + extra) each member can reach.
        let reachable: [[Bool]] = members.indices.map { i in
            var can = Array(repeating: false, count: total + 1)
            for extra in 0...extraCap where hist[i] + extra <= total && fewest[extra] <= limits[i] { can[hist[i] + extra] = true }
            return can
        }
        let supply = DutySupply(month: month, pool: p, members: members, unit: k, histories: hist, limits: limits)
        var spread = 0.0
        for _ in 0..<maxSteps {
            var low = (average - spread - 1e-9).rounded(.up)
            let highest = (average + 1e-9).rounded(.down)
            while low <= highest {
                if clock.now > deadline { return spread > 0 ? spread : nil }
                // Raw loads whose normalised value falls in [low, low + spread], per member.
                let ranges = members.indices.map { i -> ClosedRange<Int>? in
                    let a = Int(((low - 1e-9) * k * ftes[i] / scale.factor).rounded(.up))
                    let b = Int(((low + spread + 1e-9) * k * ftes[i] / scale.factor).rounded(.down))
                    let lo = max(a, 0), hi = min(b, total)
                    return lo <= hi ? lo...hi : nil
                }
                if windowFits(ranges, reachable: reachable, total: total), supply?.fits(ranges, until: deadline) ?? true {
                    return spread > 0 ? spread : nil
                }
                low += 1
            }
            spread += 1
        }
        return spread > 0 ? spread : nil
    }

    /// Whether each member can pick a reachable load in their range so that the loads sum to `total`.
    private static func windowFits(_ ranges: [ClosedRange<Int>?], reachable: [[Bool]], total: Int) -> Bool {
        var sums = Bitset(size: total + 1)
        sums.insert(0)
        for (i, range) in ranges.enumerated() {
            guard let range else { return false }
            var next = Bitset(size: total + 1)
            var any = false
            for load in range where reachable[i][load] {
                next.formUnion(sums, shiftedBy: load)
                any = true
            }
            guard any else { return false }
            sums = next
            if sums.isEmpty { return false }
        }
        return sums.contains(total)
    }

    /// The smallest K ≤ 1000 making every value × K an integer.
    static func integerUnit(for values: [Double]) -> Double? {
        for k in 1...1000 {
            let f = Double(k)
            if values.allSatisfy({ abs($0 * f - ($0 * f).rounded()) < 1e-7 * max(1, $0 * f) }) { return f }
        }
        return nil
    }
}

/// A fixed-size set of small integers, for the subset-sum above.
struct Bitset {
    private var words: [UInt64]
    let size: Int

    init(size: Int) {
        self.size = size
        self.words = Array(repeating: 0, count: (size + 63) / 64)
    }

    mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
    func contains(_ i: Int) -> Bool { i < size && words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// self ∪= other shifted up by `shift` (bits past the end fall off).
    mutating func formUnion(_ other: Bitset, shiftedBy shift: Int) {
        let wordShift = shift >> 6, bitShift = UInt64(shift & 63)
        guard wordShift < words.count else { return }
        for i in stride(from: words.count - 1, through: wordShift, by: -1) {
            var value = other.words[i - wordShift] << bitShift
            if bitShift > 0 && i - wordShift - 1 >= 0 { value |= other.words[i - wordShift - 1] >> (64 - bitShift) }
            words[i] |= value
        }
        let extra = words.count * 64 - size
        if extra > 0 { words[words.count - 1] &= UInt64.max >> UInt64(extra) }
    }
}
