// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel
import Testing

/// Fairness measures against values worked out by hand.
///
/// The tiny network's hand-made roster (weights: day 2, night 1, backup × 0.5; c has history 3):
///
///     member  duties (date: shift tier)          load         fte   normalised
///     a       10 day P, 12 day P                 4            1     4
///     b       10 night P, 11 day P               3            0.5   6
///     c       history 3, 10 day B, 11 day B      3 + 2 = 5    1     5
///     d       12 night P                         1            1     1
///     e       11 night P, 12 day B               2            1     2
///
/// Both pools hold a … e: total load 15, total fte 4.5, normalised target 10/3.
/// Normalised loads 1, 2, 4, 5, 6: mean 3.6, spread 5, Σ|xᵢ − xⱼ| over ordered pairs 2 × 26 = 52,
/// Gini 52 / (2 × 25 × 3.6) = 13/45, Jain 18² / (5 × 82) = 162/205, variance 17.2 / 5 = 3.44.
/// Requests: a asked the 12th off and works it; e asked the 11th's day shift off and works its night.
@Suite("FairnessReport")
struct FairnessReportTests {
    private func report(_ duties: [Assignment], month: YearMonth = june2026) throws -> FairnessReport {
        FairnessReport(roster: Roster(month: month, assignments: duties), month: RosterMonth(network: try tinyNetwork(), month: month))
    }

    @Test("equal loads: spread 0, stddev 0, Gini 0, Jain 1")
    func equalLoads() {
        let x = [3.0, 3, 3, 3]
        #expect(FairnessIndices.spread(x) == 0)
        #expect(FairnessIndices.standardDeviation(x) == 0)
        #expect(FairnessIndices.gini(x) == 0)
        #expect(FairnessIndices.jain(x) == 1)
    }

    @Test("one member carrying everything of n: Gini (n − 1)/n, Jain 1/n", arguments: [2, 3, 5, 10])
    func oneCarriesAll(n: Int) {
        let x = [8.0] + Array(repeating: 0, count: n - 1)
        #expect(abs(FairnessIndices.gini(x) - Double(n - 1) / Double(n)) < 1e-12)
        #expect(abs(FairnessIndices.jain(x) - 1 / Double(n)) < 1e-12)
        #expect(FairnessIndices.spread(x) == 8)
    }

    @Test("Gini by its definition's double sum, and nothing to share counts as fair")
    func giniDefinition() {
        let x = [1.0, 7, 2, 2.5, 0]
        let mean = x.reduce(0, +) / 5
        let direct = x.reduce(0) { s, a in s + x.reduce(0) { $0 + abs(a - $1) } } / (2 * 25 * mean)
        #expect(abs(FairnessIndices.gini(x) - direct) < 1e-12)
        #expect(FairnessIndices.gini([0, 0]) == 0)
        #expect(FairnessIndices.jain([0, 0]) == 1)
        #expect(FairnessIndices.gini([]) == 0)
    }

    @Test("pool figures of the hand-made roster: spread, stddev, Gini, Jain, target, requests")
    func pools() throws {
        let r = try report(validTinyDuties)
        #expect(r.pools.map(\.pool) == ["docs", "nights"])
        let docs = r.pools[0]
        #expect(docs.memberCount == 5)
        #expect(docs.totalLoad == 15)
        #expect(abs(docs.normalizedTarget - 10.0 / 3) < 1e-12)
        #expect(docs.spread == 5)
        #expect(abs(docs.standardDeviation - 3.44.squareRoot()) < 1e-12)
        #expect(abs(docs.gini - 13.0 / 45) < 1e-12)
        #expect(abs(docs.jain - 162.0 / 205) < 1e-12)
        #expect(docs.requests == 2)
        #expect(docs.requestsHonoured == 1)
        #expect(docs.requestSatisfaction == 0.5)
    }

    @Test("member rows: counts, part-timer's target, history, runs, gaps and requests")
    func members() throws {
        let r = try report(validTinyDuties)
        #expect(r.members.count == 10, "one row per (member, pool)")
        let rows = Dictionary(uniqueKeysWithValues: r.members.filter { $0.pool == "docs" }.map { ($0.member, $0) })
        let b = try #require(rows["b"])
        #expect([b.primary, b.backup, b.nights, b.weekendHoliday, b.yearEnd] == [2, 0, 1, 2, 0])
        #expect(b.normalizedLoad == 6)
        #expect(abs(b.target - 5.0 / 3) < 1e-12, "a part-timer's target is the normalised target × fte")
        #expect(abs(b.deviation - 4.0 / 3) < 1e-12)
        #expect(b.longestRun == 2)
        #expect(b.shortestGap == 1)
        let c = try #require(rows["c"])
        #expect(c.history == 3)
        #expect(c.load == 5)
        #expect(abs(c.deviation - 5.0 / 3) < 1e-12)
        #expect(rows["a"]?.shortestGap == 2)
        #expect(rows["a"].map { [$0.requests, $0.requestsHonoured] } == [1, 0])
        #expect(rows["e"].map { [$0.requests, $0.requestsHonoured] } == [1, 1], "a request for the day shift is kept by a night duty")
        #expect(rows["d"]?.shortestGap == nil)
        #expect(r.history == ["a": 4, "b": 3, "c": 5, "d": 1, "e": 2, "f": 0, "h": 0, "n": 0])
        #expect(r.violations.isEmpty)
    }

    @Test("year-end duties are counted; months add up with history and runs cross the month end")
    func yearEndAndMonths() throws {
        let network = try tinyNetwork()
        let december = RosterMonth(network: network, month: yearMonth("2026-12"))
        let january = RosterMonth(network: network, month: yearMonth("2027-01"))
        let dec = Roster(month: december.month, assignments: [duty("2026-12-31", "night", "nights", .primary, "d")])
        let jan = Roster(month: january.month, assignments: [duty("2027-01-01", "night", "nights", .primary, "d")])
        let r = FairnessReport(months: [(dec, december), (jan, january)])
        let d = try #require(r.members.first { $0.member == "d" && $0.pool == "nights" })
        #expect([d.primary, d.nights, d.weekendHoliday, d.yearEnd, d.longestRun, d.shortestGap] == [2, 2, 2, 2, 2, 1])
        #expect(d.load == 2)
        #expect(r.history["c"] == 3, "history is counted once, not once per month")
        #expect(r.months == [yearMonth("2026-12"), yearMonth("2027-01")])
        #expect(!r.violations.isEmpty, "the other year-end shifts are uncovered, and listed")
    }

    @Test("a roster that breaks hard rules is measured all the same")
    func brokenRoster() throws {
        let r = try report(replacing(validTinyDuties, "2026-06-11", "night", "nights", .primary, with: "d"))
        #expect(r.violations.contains { $0.rule == .dayOff })
        #expect(r.members.first { $0.member == "d" }?.load == 2)
    }
}
