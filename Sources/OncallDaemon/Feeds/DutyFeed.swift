// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import OncallStore
import RosterModel

/// The daemon's calendar feeds: a member's or a pool's duties in the published months around now,
/// overrides applied, one event per duty.
///
/// UIDs and SEQUENCE follow the duty, not the file: in a pool's feed a duty keeps its published UID
/// when an override gives it to someone else (SEQUENCE goes up, the summary names the new member);
/// in a member's feed a duty that an override took away stays as STATUS:CANCELLED with a higher
/// SEQUENCE, so a phone that kept the event removes it, and the member who took it gets a new event.
/// SEQUENCE is the number of changes to the duty, revocations included, so it never goes down.
enum DutyFeed {
    /// Months the feeds cover: the previous one, this one and the next two.
    static func months(around today: CivilDate) -> [YearMonth] {
        let now = today.yearMonth
        return [now.previous, now, now.next, now.next.next]
    }

    static func make(
        _ selection: CalendarFeed.Selection, rosters: [Roster], overrides: [RosterOverride], network: Network, japanese: Bool
    ) -> CalendarFeed {
        let history = DutyHistory(assignments: rosters.flatMap(\.assignments), overrides: overrides)
        var events: [CalendarFeed.Event] = []
        switch selection {
        case .member(let id):
            let held = history.slots.filter { $0.member == id }
            let heldUIDs = Set(held.map { CalendarFeed.uid(of: $0.current, in: network) })
            for slot in history.slots where slot.holders.contains(id) {
                var duty = slot.current
                duty.member = id
                let uid = CalendarFeed.uid(of: duty, in: network)
                let gone = slot.member != id
                // Back with the same duty in another slot: the event stands, no cancelled copy.
                if gone && heldUIDs.contains(uid) { continue }
                if let e = CalendarFeed.event(
                    for: duty, in: network, selection: selection, uid: uid, sequence: slot.sequence, cancelled: gone, japanese: japanese)
                {
                    events.append(e)
                }
            }
        case .pool(let id):
            for slot in history.slots where slot.origin.pool == id {
                if let e = CalendarFeed.event(
                    for: slot.current, in: network, selection: selection, uid: CalendarFeed.uid(of: slot.origin, in: network),
                    sequence: slot.sequence, cancelled: slot.member == nil, japanese: japanese)
                {
                    events.append(e)
                }
            }
        }
        events.sort { ($0.start, $0.uid) < ($1.start, $1.uid) }
        return CalendarFeed(name: CalendarFeed.title(of: selection, in: network), timezone: network.timezone, events: events)
    }
}
