// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

/// A good roster found fast, without a solver: greedy least-loaded construction, a one-step
/// repair when a slot has no one left, then local search on the optimiser's own objective.
///
/// It gives GLPK an incumbent at the root (when it already meets the bound, optimality is proven
/// at once), and it is the fallback when the solver's time runs out.
enum HeuristicRoster {
    struct Result {
        var state: RosterState
        var objective: Double
        var missing: Int
    }

    /// Builds a roster; with `allowGaps` false, returns nil unless every slot is filled.
    static func build(
        _ month: RosterMonth, _ component: Component, allowGaps: Bool = false, budget: Duration = .milliseconds(300)
    ) -> Result? {
        let clock = ContinuousClock()
        let start = clock.now
        var best: RosterState?
        for order in [Order.byDate, .scarceFirst] {
            let state = RosterState(month: month, component: component)
            construct(state, order: order)
            if best == nil || state.missingCount < best!.missingCount { best = state }
            if state.missingCount == 0 { break }
        }
        guard let state = best, allowGaps || state.missingCount == 0 else { return nil }
        improve(state, until: start.advanced(by: budget), clock: clock)
        return Result(state: state, objective: state.objective(), missing: state.missingCount)
    }

    enum Order { case byDate, scarceFirst }

    static func construct(_ state: RosterState, order: Order) {
        let month = state.month
        var shifts = state.component.poolShifts
        if order == .scarceFirst {
            shifts.sort {
                let a = month.candidates($0, .primary).count + month.candidates($0, .backup).count
                let b = month.candidates($1, .primary).count + month.candidates($1, .backup).count
                return (a, $0) < (b, $1)
            }
        }
        for ps in shifts {
            let pool = month.network.pools[month.poolShifts[ps].pool]
            for tier in Tier.allCases {
                for _ in 0..<pool.count(of: tier) {
                    if let m = bestCandidate(state, ps, tier) {
                        state.add(m, ps, tier)
                    } else {
                        _ = repair(state, ps, tier)
                    }
                }
            }
        }
    }

    /// The candidate who ends up least loaded, avoiding `prefer_off` days when anyone else can go.
    static func bestCandidate(_ state: RosterState, _ ps: Int, _ tier: Tier, excluding: Int? = nil) -> Int? {
        let month = state.month
        let poolShift = month.poolShifts[ps]
        let shiftID = month.network.shifts[poolShift.shift].id
        let weight = month.weight(poolShift, tier)
        var best: (score: Double, member: Int)?
        for m in month.candidates(ps, tier) where m != excluding && state.canTake(m, ps, tier) {
            let member = month.network.members[m]
            let l = state.local[m]!
            var score = (state.load[l] + weight) / member.fte
            if member.prefersOff(on: poolShift.date, shift: shiftID) { score += 1e6 }
            if best == nil || score < best!.score { best = (score, m) }
        }
        return best?.member
    }

    /// Fills a slot no one can take by moving one blocking duty of a candidate to someone else.
    static func repair(_ state: RosterState, _ ps: Int, _ tier: Tier) -> Bool {
        for m in state.month.candidates(ps, tier) {
            let l = state.local[m]!
            for (other, otherTier) in state.duties[l] {
                state.remove(m, other, otherTier)
                if state.canTake(m, ps, tier) {
                    state.add(m, ps, tier)
                    if let replacement = bestCandidate(state, other, otherTier) {
                        state.add(replacement, other, otherTier)
                        return true
                    }
                    state.remove(m, ps, tier)
                }
                state.add(m, other, otherTier)
            }
        }
        return false
    }

    // MARK: - Local search

    /// What local search minimises, in order: the objective, then how many members sit at the
    /// extremes, then the sum of squared loads.
    struct Score: Comparable {
        var objective: Double
        var crowding: Int
        var evenness: Double

        static func < (a: Score, b: Score) -> Bool {
            if abs(a.objective - b.objective) > 1e-9 { return a.objective < b.objective }
            if a.crowding != b.crowding { return a.crowding < b.crowding }
            return a.evenness < b.evenness - 1e-9
        }
    }

    static func score(_ state: RosterState) -> Score {
        Score(objective: state.objective(), crowding: state.crowding(), evenness: state.evenness())
    }

    /// Moves and swaps duties while the score improves.
    static func improve(_ state: RosterState, until deadline: ContinuousClock.Instant, clock: ContinuousClock) {
        var current = score(state)
        while clock.now < deadline {
            if tryMoves(state, &current, deadline: deadline, clock: clock) { continue }
            if trySwaps(state, &current, deadline: deadline, clock: clock) { continue }
            return
        }
    }

    /// Gives one duty to another member, when that scores better.
    static func tryMoves(_ state: RosterState, _ current: inout Score, deadline: ContinuousClock.Instant, clock: ContinuousClock) -> Bool {
        var improved = false
        for (ps, tiers) in state.filled.sorted(by: { $0.key < $1.key }) {
            for (t, tier) in Tier.allCases.enumerated() {
                for m in tiers[t] where tryMove(state, m, ps, tier, &current) { improved = true }
            }
            if clock.now >= deadline { return improved }
        }
        return improved
    }

    static func tryMove(_ state: RosterState, _ m: Int, _ ps: Int, _ tier: Tier, _ current: inout Score) -> Bool {
        guard state.members(ps, tier).contains(m) else { return false }
        state.remove(m, ps, tier)
        for b in state.month.candidates(ps, tier) where b != m && state.canTake(b, ps, tier) {
            state.add(b, ps, tier)
            let candidate = score(state)
            if candidate < current {
                current = candidate
                return true
            }
            state.remove(b, ps, tier)
        }
        state.add(m, ps, tier)
        return false
    }

    /// Exchanges a duty of a member at a pool's extreme with a duty of different weight of anyone.
    static func trySwaps(_ state: RosterState, _ current: inout Score, deadline: ContinuousClock.Instant, clock: ContinuousClock) -> Bool {
        for la in state.extremes() {
            let a = state.members[la]
            for (psA, tierA) in state.duties[la] {
                let wA = state.month.weight(state.month.poolShifts[psA], tierA)
                for lb in 0..<state.members.count where lb != la {
                    let b = state.members[lb]
                    for (psB, tierB) in state.duties[lb] where psA != psB {
                        let wB = state.month.weight(state.month.poolShifts[psB], tierB)
                        guard abs(wA - wB) > 1e-9 else { continue }
                        if swap(state, a, psA, tierA, b, psB, tierB, &current) { return true }
                    }
                }
                if clock.now >= deadline { return false }
            }
        }
        return false
    }

    /// a takes b's duty and b takes a's; kept when it scores better.
    static func swap(
        _ state: RosterState, _ a: Int, _ psA: Int, _ tierA: Tier, _ b: Int, _ psB: Int, _ tierB: Tier, _ current: inout Score
    ) -> Bool {
        state.remove(a, psA, tierA)
        state.remove(b, psB, tierB)
        if state.canTake(b, psA, tierA) {
            state.add(b, psA, tierA)
            if state.canTake(a, psB, tierB) {
                state.add(a, psB, tierB)
                let candidate = score(state)
                if candidate < current {
                    current = candidate
                    return true
                }
                state.remove(a, psB, tierB)
            }
            state.remove(b, psA, tierA)
        }
        state.add(b, psB, tierB)
        state.add(a, psA, tierA)
        return false
    }
}
