// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

/// How fairly a roster shares the load, for any roster: the solver's, a heuristic's or a
/// hand-made one, one month or several (a year, with loads carried month to month).
///
/// Loads follow `LoadMeasures`: history plus each duty's weight (backups times `backup_weight`),
/// normalised by fte. A member belongs to every pool whose members include them, so there is one
/// row per (member, pool); a member's counts and load are their own, across all their pools,
/// because that is what the rules and the optimiser count.
public struct FairnessReport: Sendable {
    /// The months measured, in order.
    public var months: [YearMonth]
    public var pools: [PoolFairness]
    /// One row per (member, pool), in the pools' order, then the network's member order.
    public var members: [MemberFairness]
    /// Each member's load at the end of the last month, by id: the history of the month after.
    public var history: [String: Double]
    /// Hard rules the roster breaks; it is measured all the same.
    public var violations: [Violation]

    /// Measures one month.
    public init(roster: Roster, month: RosterMonth) {
        self.init(months: [(roster, month)])
    }

    /// Measures consecutive months as one stretch: history is the first month's, loads add up,
    /// runs and gaps continue across month ends, and every month's violations are listed.
    public init(months: [(roster: Roster, month: RosterMonth)]) {
        precondition(!months.isEmpty, "a fairness report needs at least one month")
        let network = months[0].month.network
        var tally = network.members.map { MemberTally(history: network.history(of: $0)) }
        var violations: [Violation] = []
        for (roster, month) in months {
            violations += RosterChecker.check(roster, in: month)
            for m in network.members.indices { tally[m].countRequests(network.members[m], month) }
            for a in roster.assignments {
                guard let m = month.network.memberIndex[a.member], let p = month.network.poolIndex[a.pool],
                    let s = month.network.shiftIndex[a.shift], let ps = month.poolShiftIndex(pool: p, date: a.date, shift: s)
                else { continue }  // A duty that names no coverable shift carries no load; the violations say so.
                tally[m].add(a, shift: month.network.shifts[s], weight: month.weight(month.poolShifts[ps], a.tier), network: network)
            }
        }
        let last = months[months.count - 1].month
        self.months = months.map(\.month.month)
        self.violations = violations
        self.history = Dictionary(uniqueKeysWithValues: network.members.indices.map { (network.members[$0].id, tally[$0].load) })

        var pools: [PoolFairness] = []
        var rows: [MemberFairness] = []
        for (p, pool) in network.pools.enumerated() {
            let members = last.poolMembers[p]
            let totalLoad = members.reduce(0) { $0 + tally[$1].load }
            let totalFTE = members.reduce(0) { $0 + network.members[$1].fte }
            let normalizedTarget = totalFTE > 0 ? totalLoad / totalFTE : 0
            let normalized = members.map { tally[$0].load / network.members[$0].fte }
            for (m, value) in zip(members, normalized) {
                let member = network.members[m], t = tally[m]
                rows.append(MemberFairness(
                    member: member.id, name: member.name, pool: pool.id, fte: member.fte, primary: t.primary, backup: t.backup,
                    nights: t.nights, weekendHoliday: t.weekendHoliday, yearEnd: t.yearEnd, history: t.history, load: t.load,
                    normalizedLoad: value, target: normalizedTarget * member.fte, normalizedTarget: normalizedTarget,
                    longestRun: t.longestRun, shortestGap: t.shortestGap, requests: t.requests.count,
                    requestsHonoured: t.requests.count - t.requestsBroken.count))
            }
            let asked = members.reduce(0) { $0 + tally[$1].requests.count }
            let broken = members.reduce(0) { $0 + tally[$1].requestsBroken.count }
            pools.append(PoolFairness(
                pool: pool.id, name: pool.name, memberCount: members.count, totalLoad: totalLoad,
                normalizedTarget: normalizedTarget, minimum: normalized.min() ?? 0, maximum: normalized.max() ?? 0,
                spread: FairnessIndices.spread(normalized), standardDeviation: FairnessIndices.standardDeviation(normalized),
                gini: FairnessIndices.gini(normalized), jain: FairnessIndices.jain(normalized), requests: asked,
                requestsHonoured: asked - broken))
        }
        self.pools = pools
        self.members = rows
    }
}

/// A pool's fairness: the spread the optimiser minimises and the usual inequality indices, all
/// over its members' normalised loads.
public struct PoolFairness: Sendable, Equatable {
    public var pool: String
    public var name: String
    public var memberCount: Int
    /// Σ of the members' loads, history included.
    public var totalLoad: Double
    /// Total load / total fte: the normalised load every member would have if shared exactly by fte.
    public var normalizedTarget: Double
    public var minimum: Double
    public var maximum: Double
    public var spread: Double
    public var standardDeviation: Double
    public var gini: Double
    public var jain: Double
    /// `prefer_off` requests of the pool's members in the period, and how many got no duty.
    public var requests: Int
    public var requestsHonoured: Int

    /// Share of requests honoured; nil when nobody asked for anything.
    public var requestSatisfaction: Double? { requests > 0 ? Double(requestsHonoured) / Double(requests) : nil }
}

/// One member's share in one pool.
public struct MemberFairness: Sendable, Equatable {
    public var member: String
    public var name: String
    public var pool: String
    public var fte: Double
    public var primary: Int
    public var backup: Int
    /// Duties on shifts that run past midnight.
    public var nights: Int
    /// Duties on saturdays, sundays and holidays.
    public var weekendHoliday: Int
    /// Duties on 12-29 … 01-03.
    public var yearEnd: Int
    public var history: Double
    public var load: Double
    public var normalizedLoad: Double
    /// The pool's total load shared by fte: what this member would carry if the pool were exactly fair.
    public var target: Double
    public var normalizedTarget: Double
    /// Most consecutive dates with a duty.
    public var longestRun: Int
    /// Fewest days from one duty date to the next; nil with fewer than two duty dates.
    public var shortestGap: Int?
    /// `prefer_off` requests in the period (a date, or a date and shift), and how many got no duty.
    public var requests: Int
    public var requestsHonoured: Int

    /// Load above (+) or below (−) the fair target.
    public var deviation: Double { load - target }
}
