// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import RosterModel
import Testing

@Suite("iCalendar feeds")
struct CalendarFeedTests {
    @Test("TEXT values escape backslashes, semicolons, commas and newlines")
    func escaping() {
        #expect(ICalendarText.escape(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendarText.escape("one\ntwo\r\nthree") == #"one\ntwo\nthree"#)
        #expect(ICalendarText.escape("夜間 (docs)") == "夜間 (docs)")
    }

    @Test("lines fold at 75 octets with CRLF and a leading space, never inside a UTF-8 character")
    func folding() {
        let short = ICalendarText.fold("SUMMARY:short")
        #expect(short == "SUMMARY:short\r\n")
        let long = "SUMMARY:" + String(repeating: "当番", count: 60)
        let folded = ICalendarText.fold(long)
        #expect(folded.hasSuffix("\r\n"))
        // "\r\n" is one Character: dropLast() removes the final line end.
        let lines = folded.dropLast().components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        for (i, line) in lines.enumerated() {
            #expect(line.utf8.count <= 75, "line \(i) has \(line.utf8.count) octets")
            if i > 0 { #expect(line.hasPrefix(" ")) }
        }
        // Unfolding (removing CRLF + one space) gives the original back.
        #expect(folded.dropLast().replacingOccurrences(of: "\r\n ", with: "") == long)
        let ascii = ICalendarText.fold(String(repeating: "x", count: 160))
        #expect(ascii.components(separatedBy: "\r\n").map(\.utf8.count) == [75, 75, 12, 0])
    }

    @Test("UIDs are stable and differ by any part of the duty")
    func uids() throws {
        let a = StableUID.make(["tiny", "2026-06", "2026-06-10", "night", "nights", "primary", "b"])
        #expect(a == StableUID.make(["tiny", "2026-06", "2026-06-10", "night", "nights", "primary", "b"]))
        #expect(a != StableUID.make(["tiny", "2026-06", "2026-06-10", "night", "nights", "backup", "b"]))
        #expect(StableUID.make(["ab", "c"]) != StableUID.make(["a", "bc"]))
        #expect(a.hasSuffix("@oncall"))
        #expect(a.count == 32 + "@oncall".count)
    }

    @Test("local times past midnight roll into the next day")
    func localTimes() {
        let t = CalendarFeed.LocalTime(date: date("2026-12-31"), minutes: 18 * 60 + 15 * 60)
        #expect(t.date == date("2027-01-01"))
        #expect(t.text == "20270101T090000")
        #expect(CalendarFeed.LocalTime(date: date("2026-06-10"), minutes: 24 * 60).text == "20260611T000000")
    }

    @Test("Japan's VTIMEZONE is one STANDARD +0900 JST")
    func tokyoZone() {
        let lines = CalendarTimeZone.lines(identifier: "Asia/Tokyo", years: 2026...2026)
        #expect(lines == [
            "BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0900",
            "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD", "END:VTIMEZONE",
        ])
    }

    @Test("a zone with daylight saving time gets its transitions of the year")
    func newYorkZone() {
        let lines = CalendarTimeZone.lines(identifier: "America/New_York", years: 2026...2026)
        #expect(lines.contains("BEGIN:DAYLIGHT"))
        #expect(lines.contains("DTSTART:20260308T020000"))
        #expect(lines.contains("DTSTART:20261101T020000"))
        #expect(lines.contains("TZOFFSETFROM:-0500"))
        #expect(lines.contains("TZOFFSETTO:-0400"))
    }

    @Test("a feed has CRLF lines, DTSTAMP, TZID times, and SEQUENCE from the per-duty map")
    func feed() throws {
        let network = try loadNetwork(feedNetworkYAML)
        let night = Assignment(date: date("2026-06-10"), shift: "night", pool: "nights", tier: .primary, member: "a")
        let day = Assignment(date: date("2026-06-11"), shift: "day", pool: "docs", tier: .backup, member: "a")
        let other = Assignment(date: date("2026-06-11"), shift: "night", pool: "nights", tier: .primary, member: "b")
        let roster = Roster(month: yearMonth("2026-06"), assignments: [day, night, other])
        let feed = CalendarFeed.duties(of: roster, in: network, selection: .member("a"), sequences: [day: 2], japanese: false)
        #expect(feed.events.count == 2)
        #expect(feed.events[0].start.text == "20260610T180000")
        #expect(feed.events[0].end.text == "20260611T090000")
        #expect(feed.events[0].summary == "Primary: Night, late (nights)")
        #expect(feed.events[0].sequence == 0)
        #expect(feed.events[1].sequence == 2)
        #expect(feed.events[1].summary.hasPrefix("Backup: "))
        let text = feed.render(stamp: Date(timeIntervalSince1970: 0))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.contains("DTSTAMP:19700101T000000Z\r\n"))
        #expect(text.contains("DTSTART;TZID=Asia/Tokyo:20260610T180000\r\n"))
        #expect(text.contains("SUMMARY:Primary: Night\\, late (nights)\r\n"))
        #expect(text.contains("SEQUENCE:2\r\n"))
        #expect(text.contains("UID:\(CalendarFeed.uid(of: night, in: network))\r\n"))

        let pool = CalendarFeed.duties(of: roster, in: network, selection: .pool("nights"), japanese: true)
        #expect(pool.events.map(\.summary) == ["当番: Night, late (nights) — A", "当番: Night, late (nights) — b"])
    }
}

private let feedNetworkYAML = """
    name: feed
    timezone: Asia/Tokyo
    shifts:
      - {id: day, name: Day, start: "09:00", end: "18:00", on: [weekday, saturday, sunday, holiday]}
      - {id: night, name: "Night, late", start: "18:00", end: "09:00", on: [weekday, saturday, sunday, holiday]}
    facilities:
      - {id: c1, name: One, kind: clinic}
      - {id: c2, name: Two, kind: clinic}
    members:
      - {id: a, name: A, facility: c1, role: physician}
      - {id: b, facility: c2, role: physician}
    pools:
      - {id: docs, role: physician, shifts: [day], primary: 1, backup: 1}
      - {id: nights, role: physician, shifts: [night], primary: 1}

    """
