// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

/// The lattice bound with the duties counted by kind: a month has exactly so many night primaries,
/// holiday-day backups… and every one is taken by someone.
///
/// Summing loads alone misses parity: seven holiday-day backups (0.75 each) cannot give nine
/// members the odd number of them their loads need. Tracking how many duties of each weight are
/// handed out closes that, for pools whose duty kinds give a small enough state space.
struct DutySupply {
    /// Raw-load units (see `SpreadLowerBound`) of one duty of each kind.
    let weights: [Int]
    /// How many duties of each kind the month has.
    let supply: [Int]
    /// Per member, per kind: how many such duties they could take at most.
    let caps: [[Int]]
    let limits: [Int]
    let histories: [Int]
    private let strides: [Int]
    private let stateCount: Int

    static let largestStateSpace = 100_000

    init?(month: RosterMonth, pool p: Int, members: [Int], unit k: Double, histories: [Int], limits: [Int]) {
        let pool = month.network.pools[p]
        var kinds: [Int: Int] = [:]  // unit weight → kind index
        var weights: [Int] = []
        var supply: [Int] = []
        var caps = Array(repeating: [Int](), count: members.count)
        let position = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
        for (ps, poolShift) in month.poolShifts.enumerated() where poolShift.pool == p {
            for tier in Tier.allCases where pool.count(of: tier) > 0 {
                let w = Int((month.weight(poolShift, tier) * k).rounded())
                let kind = kinds[w] ?? {
                    kinds[w] = weights.count
                    weights.append(w)
                    supply.append(0)
                    for i in caps.indices { caps[i].append(0) }
                    return weights.count - 1
                }()
                supply[kind] += pool.count(of: tier)
                for m in month.candidates(ps, tier) { if let i = position[m] { caps[i][kind] += 1 } }
            }
        }
        var strides: [Int] = []
        var count = 1
        for n in supply {
            strides.append(count)
            count *= n + 1
            if count > DutySupply.largestStateSpace { return nil }
        }
        self.weights = weights
        self.supply = supply
        self.caps = caps.map { zip($0, supply).map { min($0, $1) } }
        self.limits = limits
        self.histories = histories
        self.strides = strides
        self.stateCount = count
    }

    /// Whether each member can take duties that put their raw load in their range while every
    /// duty of every kind is handed out exactly once.
    func fits(_ ranges: [ClosedRange<Int>?], until deadline: ContinuousClock.Instant) -> Bool {
        var reached = [Bool](repeating: false, count: stateCount)
        var active = [0]
        reached[0] = true
        for (i, range) in ranges.enumerated() {
            guard let range else { return false }
            let combos = self.combos(member: i, range: range)
            guard !combos.isEmpty else { return false }
            var next = [Bool](repeating: false, count: stateCount)
            var nextActive: [Int] = []
            for state in active {
                for combo in combos {
                    guard let target = add(state, combo) else { continue }
                    if !next[target] {
                        next[target] = true
                        nextActive.append(target)
                    }
                }
            }
            if nextActive.isEmpty { return false }
            // Out of time: say "fits", which only weakens the bound, never makes it wrong.
            if ContinuousClock().now > deadline { return true }
            reached = next
            active = nextActive
        }
        return reached[stateCount - 1]
    }

    /// state + combo, or nil when a kind would run out.
    private func add(_ state: Int, _ combo: [Int]) -> Int? {
        var result = state
        for (kind, taken) in combo.enumerated() where taken > 0 {
            let used = (state / strides[kind]) % (supply[kind] + 1)
            if used + taken > supply[kind] { return nil }
            result += taken * strides[kind]
        }
        return result
    }

    /// Every count vector a member can take with their load landing in `range`.
    private func combos(member i: Int, range: ClosedRange<Int>) -> [[Int]] {
        var result: [[Int]] = []
        var counts = Array(repeating: 0, count: weights.count)
        func visit(_ kind: Int, load: Int, duties: Int) {
            if kind == weights.count {
                if range.contains(load) { result.append(counts) }
                return
            }
            var taken = 0
            var l = load
            while taken <= caps[i][kind] && duties + taken <= limits[i] && l <= range.upperBound {
                counts[kind] = taken
                visit(kind + 1, load: l, duties: duties + taken)
                taken += 1
                l += weights[kind]
            }
            counts[kind] = 0
        }
        visit(0, load: histories[i], duties: 0)
        return result
    }
}
