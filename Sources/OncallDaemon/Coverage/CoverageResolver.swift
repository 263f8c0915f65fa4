// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import OncallStore
import RosterModel
import Synchronization

/// Answers "who covers pool P at instant T" from published rosters with overrides applied.
///
/// Times are read in the network's time zone with its shifts' wall-clock start and end,
/// so a night from 18:00 on d to 09:00 covers 02:00 on d+1 and is reported under d.
public struct CoverageResolver: Sendable {
    public let network: Network
    public let timeZone: TimeZone
    private let duties: [DutyKey: [Assignment]]
    private let calendar: Calendar
    /// Every coverage built so far: the resolver never changes (the book builds a new one after a
    /// publish or an override), so a duty's coverage is the same each time it is asked for.
    private let cache = CoverageCache()

    struct DutyKey: Hashable, Sendable {
        var pool: String
        var date: CivilDate
        var shift: String
    }

    public init(network: Network, rosters: [Roster], overrides: [RosterOverride]) {
        self.network = network
        self.timeZone = TimeZone(identifier: network.timezone) ?? TimeZone(identifier: "Asia/Tokyo")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        var assignments = rosters.flatMap(\.assignments)
        assignments = OverrideApplier.apply(overrides, to: assignments)
        self.duties = Dictionary(grouping: assignments) { DutyKey(pool: $0.pool, date: $0.date, shift: $0.shift) }
    }

    /// The shift of `pool` running at `instant`, or nil when nobody is rostered then.
    public func covering(pool: String, at instant: Date) -> Coverage? { built(pool: pool, at: instant)?.coverage }

    /// The same, with the coverage's JSON as the API sends it.
    func built(pool: String, at instant: Date) -> BuiltCoverage? {
        guard let poolIndex = network.poolIndex[pool] else { return nil }
        let (today, minute) = local(instant)
        for shiftID in network.pools[poolIndex].shifts {
            guard let s = network.shiftIndex[shiftID].map({ network.shifts[$0] }) else { continue }
            for date in Self.dates(of: s, running: today, minute) {
                if let found = coverage(pool: pool, date: date, shift: s) { return found }
            }
        }
        return nil
    }

    /// Every shift of the network running at `instant`, with the date it started on.
    public func runningShifts(at instant: Date) -> [(date: CivilDate, shift: Shift)] {
        let (today, minute) = local(instant)
        return network.shifts.flatMap { s in Self.dates(of: s, running: today, minute).map { (date: $0, shift: s) } }
    }

    /// The start dates of the runs of `s` that include minute `minute` of `today`: a night's early hours
    /// belong to the evening before.
    private static func dates(of s: Shift, running today: CivilDate, _ minute: Int) -> [CivilDate] {
        var dates: [CivilDate] = []
        if s.crossesMidnight {
            if minute >= s.start.minutes { dates.append(today) }
            if minute < s.end.minutes { dates.append(today.adding(days: -1)) }
        } else if minute >= s.start.minutes && minute < s.end.minutes {
            dates.append(today)
        }
        return dates
    }

    /// The first rostered shift of `pool` starting after `instant` (within 62 days).
    public func next(pool: String, after instant: Date) -> Coverage? {
        guard let poolIndex = network.poolIndex[pool] else { return nil }
        let (today, _) = local(instant)
        var best: (Date, Coverage)?
        for offset in -1...62 {
            let date = today.adding(days: offset)
            for shiftID in network.pools[poolIndex].shifts {
                guard let s = network.shiftIndex[shiftID].map({ network.shifts[$0] }) else { continue }
                let start = self.instant(date, s.start.minutes)
                guard start > instant, best.map({ start < $0.0 }) ?? true,
                    let found = coverage(pool: pool, date: date, shift: s)?.coverage
                else { continue }
                best = (start, found)
            }
            if best != nil && offset > 1 { break }
        }
        return best?.1
    }

    /// Pools whose scope includes the facility's patients.
    public func pools(coveringFacility id: String) -> [Pool] {
        guard let facility = network.facilityIndex[id].map({ network.facilities[$0] }) else { return [] }
        return network.pools.filter { pool in
            switch pool.scope {
            case .region: true
            case .district(let d): facility.district == d
            case .facilities(let set): set.contains(id)
            case .team(let t): facility.team == t
            }
        }
    }

    /// The duty's coverage and its JSON, built once: building one formats two instants with ICU's
    /// date formatter, and encoding it is most of what is left of a who-covers request.
    private func coverage(pool: String, date: CivilDate, shift: Shift) -> BuiltCoverage? {
        let key = DutyKey(pool: pool, date: date, shift: shift.id)
        if let known = cache.coverage(key) { return known }
        guard let duties = duties[key], !duties.isEmpty else { return nil }
        let coverage = makeCoverage(pool: pool, date: date, shift: shift, duties: duties)
        let made = BuiltCoverage(coverage: coverage, json: try? encodeJSON(coverage))
        cache.remember(made, for: key)
        return made
    }

    private func makeCoverage(pool: String, date: CivilDate, shift: Shift, duties: [Assignment]) -> Coverage {
        let start = instant(date, shift.start.minutes)
        let end = instant(shift.crossesMidnight ? date.adding(days: 1) : date, shift.end.minutes)
        func members(_ tier: Tier) -> [CoveringMember] {
            duties.filter { $0.tier == tier }.map { a in
                let m = network.memberIndex[a.member].map { network.members[$0] }
                return CoveringMember(member: a.member, name: m?.name ?? a.member, facility: m?.facility ?? "")
            }
        }
        return Coverage(
            pool: pool, date: date.description, shift: shift.id, start: format(start), end: format(end),
            primary: members(.primary), backup: members(.backup))
    }

    /// The local date and minute of the day at `instant`, in the network's time zone.
    func local(_ instant: Date) -> (CivilDate, Int) {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return (CivilDate(year: c.year!, month: c.month!, day: c.day!)!, c.hour! * 60 + c.minute!)
    }

    private func instant(_ date: CivilDate, _ minutes: Int) -> Date {
        let midnight = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
        return midnight.addingTimeInterval(TimeInterval(minutes * 60))
    }

    private func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = timeZone
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}

/// A coverage and its JSON as `encodeJSON` writes it (nil if encoding failed: encode it again then).
struct BuiltCoverage: Sendable {
    var coverage: Coverage
    var json: Data?
}

/// The coverages a resolver has built, shared by the requests that use it.
private final class CoverageCache: Sendable {
    private let coverages = Mutex<[CoverageResolver.DutyKey: BuiltCoverage]>([:])

    func coverage(_ key: CoverageResolver.DutyKey) -> BuiltCoverage? { coverages.withLock { $0[key] } }
    func remember(_ coverage: BuiltCoverage, for key: CoverageResolver.DutyKey) { coverages.withLock { $0[key] = coverage } }
}

/// Applies overrides in order: `member` takes the duty, in place of `replaces` when given.
public enum OverrideApplier {
    /// `roster` with those of `overrides` that fall in its month applied, in order: the month as pages go by it.
    public static func inForce(_ roster: Roster, _ overrides: [RosterOverride]) -> Roster {
        Roster(month: roster.month, assignments: apply(ofMonth(roster.month, overrides), to: roster.assignments))
    }

    /// The overrides on a date of `month`.
    public static func ofMonth(_ month: YearMonth, _ overrides: [RosterOverride]) -> [RosterOverride] {
        let prefix = month.description
        return overrides.filter { $0.date.hasPrefix(prefix) }
    }

    public static func apply(_ overrides: [RosterOverride], to assignments: [Assignment]) -> [Assignment] {
        var result = assignments
        for o in overrides {
            guard let date = CivilDate(o.date), let tier = Tier(rawValue: o.tier) else { continue }
            if let replaced = o.replaces {
                result.removeAll {
                    $0.pool == o.pool && $0.date == date && $0.shift == o.shift && $0.tier == tier && $0.member == replaced
                }
            }
            result.append(Assignment(date: date, shift: o.shift, pool: o.pool, tier: tier, member: o.member))
        }
        return result
    }
}
