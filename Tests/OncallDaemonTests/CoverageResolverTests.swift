// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
@testable import OncallDaemon
import OncallStore
import RosterModel
import Testing

struct CoverageResolverTests {
    let december = YearMonth("2026-12")!

    func resolver(overrides: [RosterOverride] = []) throws -> CoverageResolver {
        let network = try loadDaemonNetwork()
        let roster = try RosterCSV.parse(validRosterCSV(december), file: "t", network: network, month: december).roster
        return CoverageResolver(network: network, rosters: [roster], overrides: overrides)
    }

    @Test func twoInTheMorningBelongsToThePreviousNight() throws {
        let c = try #require(try resolver().covering(pool: "docs", at: instant("2026-12-06T02:00:00+09:00")))
        #expect(c.date == "2026-12-05")
        #expect(c.shift == "night")
        #expect(c.primary.map(\.member) == ["p3"])
        #expect(c.backup.map(\.member) == ["p4"])
        #expect(c.start == "2026-12-05T18:00:00+09:00")
        #expect(c.end == "2026-12-06T09:00:00+09:00")
    }

    @Test func dayShiftAndItsEdges() throws {
        let r = try resolver()
        #expect(r.covering(pool: "docs", at: instant("2026-12-06T09:00:00+09:00"))?.shift == "day")
        #expect(r.covering(pool: "docs", at: instant("2026-12-06T17:59:00+09:00"))?.shift == "day")
        let evening = try #require(r.covering(pool: "docs", at: instant("2026-12-06T18:00:00+09:00")))
        #expect(evening.shift == "night" && evening.date == "2026-12-06")
        // The same instant written in UTC.
        #expect(r.covering(pool: "docs", at: instant("2026-12-05T17:00:00Z"))?.date == "2026-12-05")
    }

    @Test func nextShiftIsTheFollowingOne() throws {
        let next = try #require(try resolver().next(pool: "docs", after: instant("2026-12-06T10:00:00+09:00")))
        #expect(next.date == "2026-12-06" && next.shift == "night" && next.primary.map(\.member) == ["p3"])
    }

    @Test func noRosterNoCover() throws {
        #expect(try resolver().covering(pool: "docs", at: instant("2027-01-05T10:00:00+09:00")) == nil)
        #expect(try resolver().covering(pool: "nope", at: instant("2026-12-05T10:00:00+09:00")) == nil)
    }

    @Test func overrideReplacesTheMember() throws {
        let o = RosterOverride(
            pool: "docs", date: "2026-12-05", shift: "night", tier: "primary", member: "p1", replaces: "p3", createdAt: Date(), createdBy: "t")
        let c = try #require(try resolver(overrides: [o]).covering(pool: "docs", at: instant("2026-12-06T02:00:00+09:00")))
        #expect(c.primary.map(\.member) == ["p1"])
    }

    /// The API sends each duty's JSON encoded once; it must be the bytes encoding the coverage gives.
    @Test func cachedJSONIsWhatTheEncoderWrites() throws {
        let r = try resolver()
        let at = instant("2026-12-06T02:00:00+09:00")
        let night = try #require(r.built(pool: "docs", at: at))
        let day = try #require(r.built(pool: "docs", at: instant("2026-12-06T10:00:00+09:00")))
        #expect(night.json == (try encodeJSON(night.coverage)))
        #expect(r.built(pool: "docs", at: at)?.json == night.json)
        #expect(r.covering(pool: "docs", at: at) == night.coverage)
        let both = encodedJSONArray([try #require(night.json), try #require(day.json)])
        #expect(both == (try encodeJSON([night.coverage, day.coverage])))
        #expect(encodedJSONArray([]) == (try encodeJSON([Coverage]())))
    }
}
