// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel
import Testing

/// Loads of the tiny network's hand-made roster, by hand. Weights: day 2, night 1, backup × 0.5.
///
///     a: day P 10th, day P 12th           = 2 + 2           = 4,  fte 1   → 4
///     b: night P 10th, day P 11th         = 1 + 2           = 3,  fte 0.5 → 6
///     c: history 3, day B 10th, 11th      = 3 + 1 + 1       = 5           → 5
///     d: night P 12th                     = 1                             → 1
///     e: night P 11th, day B 12th         = 1 + 1           = 2           → 2
///     f (fte 0), h (hospital), n (nurse): 0, in no pool.
///
/// Both pools hold a … e: spread 6 − 1 = 5 each. a asked the 12th off and works it: 1 request
/// broken; e asked only the 11th's day shift off and works its night. Objective 10 × (5 + 5) + 2 × 1 = 102.
@Suite("LoadMeasures")
struct LoadMeasuresTests {
    private func measures(_ duties: [Assignment], _ change: (inout Network) -> Void = { _ in }) throws -> LoadMeasures {
        var n = try tinyNetwork()
        change(&n)
        return LoadMeasures(roster: Roster(month: june2026, assignments: duties), month: RosterMonth(network: n, month: june2026))
    }

    @Test("loads, normalised loads, duty counts and history")
    func loads() throws {
        let m = try measures(validTinyDuties)
        let byID = Dictionary(uniqueKeysWithValues: m.members.map { ($0.member, $0) })
        #expect(m.members.map(\.member) == ["a", "b", "c", "d", "e", "f", "h", "n"])
        #expect(byID["a"]?.load == 4)
        #expect(byID["a"]?.normalized == 4)
        #expect(byID["b"]?.load == 3)
        #expect(byID["b"]?.normalized == 6, "fte 0.5 doubles the normalised load")
        #expect(byID["c"]?.history == 3)
        #expect(byID["c"]?.load == 5)
        #expect(byID["c"]?.normalized == 5)
        #expect(byID["d"]?.load == 1)
        #expect(byID["e"]?.load == 2)
        #expect(byID["f"]?.load == 0)
        #expect(byID["n"]?.load == 0)
        #expect(byID["a"].map { [$0.primary, $0.backup] } == [2, 0])
        #expect(byID["c"].map { [$0.primary, $0.backup] } == [0, 2])
        #expect(byID["e"].map { [$0.primary, $0.backup] } == [1, 1])
    }

    @Test("pool spreads over members with fte > 0, and the objective")
    func spreadsAndObjective() throws {
        let m = try measures(validTinyDuties)
        #expect(m.pools.map(\.pool) == ["docs", "nights"])
        for pool in m.pools {
            #expect(pool.memberCount == 5)
            #expect(pool.minimum == 1)
            #expect(pool.maximum == 6)
            #expect(pool.spread == 5)
        }
        #expect(m.requestsBroken == 1)
        #expect(m.members.first { $0.member == "a" }?.requestsBroken == 1)
        #expect(m.members.first { $0.member == "e" }?.requestsBroken == 0)
        #expect(m.objective == 102)
    }

    @Test("a duty in a shift the member asked off is a broken request")
    func requestsBroken() throws {
        // e backs up the 11th's day shift (asked off) and c takes the night instead: loads stay the same.
        var duties = replacing(validTinyDuties, "2026-06-11", "day", "docs", .backup, with: "e")
        duties = replacing(duties, "2026-06-11", "night", "nights", .primary, with: "c")
        let m = try measures(duties)
        #expect(m.requestsBroken == 2)
        #expect(m.members.first { $0.member == "e" }?.requestsBroken == 1)
        #expect(m.pools.map(\.spread) == [5, 5])
        #expect(m.objective == 10 * 10 + 2 * 2)
    }

    @Test("backup_weight 1 makes a backup weigh as much as a primary")
    func backupWeight() throws {
        // c: 3 + 2 + 2 = 7, e: 1 + 2 = 3; others unchanged. Spread 7 − 1 = 6 in each pool.
        let m = try measures(validTinyDuties) { $0.rules.backupWeight = 1 }
        #expect(m.members.first { $0.member == "c" }?.load == 7)
        #expect(m.members.first { $0.member == "e" }?.load == 3)
        #expect(m.pools.map(\.spread) == [6, 6])
        #expect(m.objective == 10 * 12 + 2 * 1)
    }

    @Test("an empty roster: loads are history alone")
    func empty() throws {
        // Normalised loads: c 3, everyone else 0 → spread 3 in both pools.
        let m = try measures([])
        #expect(m.members.first { $0.member == "c" }?.load == 3)
        #expect(m.pools.map(\.spread) == [3, 3])
        #expect(m.requestsBroken == 0)
        #expect(m.objective == 10 * 6)
    }
}
