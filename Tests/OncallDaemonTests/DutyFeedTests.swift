// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
@testable import OncallDaemon
import OncallStore
import RosterModel
import Testing

/// How overrides number a duty's versions in the feeds, without the HTTP layer.
@Suite("duty history of the feeds")
struct DutyFeedTests {
    let network: Network
    let roster: Roster
    let t0 = instant("2026-12-01T09:00:00+09:00")

    init() throws {
        network = try loadDaemonNetwork()
        roster = try RosterCSV.parse(validRosterCSV(YearMonth("2026-12")!), file: "r.csv", network: network, month: YearMonth("2026-12")!).roster
    }

    func override(_ member: String, replaces: String?, tier: String = "backup", at minutes: Double, revokedAfter: Double? = nil) -> RosterOverride {
        RosterOverride(
            id: "o\(Int(minutes))", pool: "docs", date: "2026-12-05", shift: "night", tier: tier, member: member, replaces: replaces,
            createdAt: t0.addingTimeInterval(minutes * 60), createdBy: "admin",
            revokedAt: revokedAfter.map { t0.addingTimeInterval($0 * 60) })
    }

    func events(_ selection: CalendarFeed.Selection, _ overrides: [RosterOverride]) -> [CalendarFeed.Event] {
        DutyFeed.make(selection, rosters: [roster], overrides: overrides, network: network, japanese: false)
            .events.filter { $0.start.date == CivilDate("2026-12-05")! && $0.start.minutes == 18 * 60 }
    }

    @Test("p4 → p5 → p4 by two overrides: the pool's event keeps its UID at SEQUENCE 2; p5's is cancelled; p4's stands")
    func handedOnAndBack() {
        let overrides = [override("p5", replaces: "p4", at: 0), override("p4", replaces: "p5", at: 10)]
        let published = events(.pool("docs"), []).first { $0.summary.hasPrefix("Backup") }!
        let pool = events(.pool("docs"), overrides).first { $0.summary.hasPrefix("Backup") }!
        #expect(pool.uid == published.uid && pool.sequence == 2 && pool.summary.hasSuffix("医師四") && !pool.cancelled)
        #expect(events(.member("p5"), overrides).map(\.cancelled) == [true])
        #expect(events(.member("p5"), overrides).first?.sequence == 2)
        #expect(events(.member("p4"), overrides).map(\.cancelled) == [false])
        #expect(events(.member("p4"), overrides).first?.sequence == 2)
        // Applying the overrides in force gives what the pages and "who covers" show.
        let inForce = OverrideApplier.apply(overrides, to: roster.assignments)
        let history = DutyHistory(assignments: roster.assignments, overrides: overrides)
        #expect(Set(history.slots.compactMap { $0.member == nil ? nil : $0.current }) == Set(inForce))
    }

    @Test("an added duty (no replaces) is a new event; revoked, it stays in the pool's feed as CANCELLED")
    func addedThenRevoked() {
        let added = override("p5", replaces: nil, tier: "primary", at: 0, revokedAfter: 5)
        let before = events(.pool("docs"), [])
        let pool = events(.pool("docs"), [added])
        #expect(pool.count == before.count + 1)
        let extra = pool.first { !before.map(\.uid).contains($0.uid) }!
        #expect(extra.cancelled && extra.sequence == 2 && extra.summary.hasSuffix("医師五"))
        #expect(events(.member("p5"), [added]).map(\.cancelled) == [true])
        let live = events(.member("p5"), [override("p5", replaces: nil, tier: "primary", at: 0)])
        #expect(live.map(\.cancelled) == [false] && live.first?.sequence == 1)
    }
}
