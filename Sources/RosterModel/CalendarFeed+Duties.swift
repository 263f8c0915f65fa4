// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

extension CalendarFeed {
    /// Whose duties a feed shows: one member's (their own calendar) or one pool's (a facility's board).
    public enum Selection: Sendable, Equatable {
        case member(String)
        case pool(String)
    }

    /// The duties of a roster as a feed, one event per duty.
    ///
    /// - Parameters:
    ///   - sequences: SEQUENCE per duty, for duties changed since first published; others get 0.
    ///   - japanese: Japanese summaries (当番/待機) instead of English (Primary/Backup).
    public static func duties(
        of roster: Roster, in network: Network, selection: Selection, sequences: [Assignment: Int] = [:], japanese: Bool
    ) -> CalendarFeed {
        let chosen = roster.sorted(in: network).assignments.filter { a in
            switch selection {
            case .member(let id): return a.member == id
            case .pool(let id): return a.pool == id
            }
        }
        let events = chosen.compactMap { a in
            event(for: a, in: network, selection: selection, uid: uid(of: a, in: network), sequence: sequences[a] ?? 0, japanese: japanese)
        }
        return CalendarFeed(name: title(of: selection, in: network, period: roster.month.description), timezone: network.timezone, events: events)
    }

    /// One duty as an event: the tier, shift and pool in the summary (and, in a pool's feed, who is on),
    /// the member, facility, pool, tier and hours in the description; a night ends on the next day.
    ///
    /// - Parameters:
    ///   - uid: the event's UID; `uid(of:in:)` for a duty as published, or the UID of the duty it replaces.
    ///   - cancelled: the duty is no longer this member's (or no longer exists): STATUS:CANCELLED.
    public static func event(
        for a: Assignment, in network: Network, selection: Selection, uid: String, sequence: Int, cancelled: Bool = false,
        japanese: Bool
    ) -> Event? {
        guard let s = network.shiftIndex[a.shift] else { return nil }
        let shift = network.shifts[s]
        let pool = network.poolIndex[a.pool].map { network.pools[$0] }
        let member = network.memberIndex[a.member].map { network.members[$0] }
        let tier = japanese ? (a.tier == .primary ? "当番" : "待機") : (a.tier == .primary ? "Primary" : "Backup")
        var summary = "\(tier): \(shift.name) (\(pool?.name ?? a.pool))"
        // A pool's feed is read by everyone in it: say who is on.
        if case .pool = selection { summary += " — \(member?.name ?? a.member)" }
        let facility = member.flatMap { network.facilityIndex[$0.facility] }.map { network.facilities[$0].name }
        let description = [
            (japanese ? "担当: " : "Member: ") + (member?.name ?? a.member) + (facility.map { " (\($0))" } ?? ""),
            (japanese ? "グループ: " : "Pool: ") + (pool?.name ?? a.pool),
            (japanese ? "区分: " : "Tier: ") + tier,
            (japanese ? "時間: " : "Hours: ") + "\(shift.start)–\(shift.end)",
        ].joined(separator: "\n")
        let start = LocalTime(date: a.date, minutes: shift.start.minutes)
        // A shift that ends at or before its start ends the next day.
        let end = LocalTime(date: a.date, minutes: shift.start.minutes + shift.durationMinutes)
        return Event(uid: uid, start: start, end: end, summary: summary, description: description, sequence: sequence, cancelled: cancelled)
    }

    /// The feed's name as calendar apps show it: the network and the member's or pool's name, and the
    /// period when the feed is one file for one month (a subscribed feed keeps one name).
    public static func title(of selection: Selection, in network: Network, period: String? = nil) -> String {
        let name: String
        switch selection {
        case .member(let id): name = network.memberIndex[id].map { network.members[$0].name } ?? id
        case .pool(let id): name = network.poolIndex[id].map { network.pools[$0].name } ?? id
        }
        return "\(network.name) — \(name)" + (period.map { " \($0)" } ?? "")
    }

    /// The duty's UID: the same network, month, date, shift, pool, tier and member always give the same one.
    public static func uid(of assignment: Assignment, in network: Network) -> String {
        StableUID.make([
            network.name, assignment.date.yearMonth.description, assignment.date.description, assignment.shift,
            assignment.pool, assignment.tier.rawValue, assignment.member,
        ])
    }
}
