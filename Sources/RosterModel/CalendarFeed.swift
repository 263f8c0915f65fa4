// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar

/// An iCalendar feed (RFC 5545) of duties: what `oncall roster ics` writes and the daemon's
/// /v1/ical endpoints serve.
///
/// Events carry local times in the network's time zone with its VTIMEZONE, so a duty at 18:00 in
/// Tokyo stays at 18:00 whatever zone a phone is in. SEQUENCE comes from the caller: a daemon that
/// changes a duty by an override bumps it, and clients replace the old event instead of keeping both.
/// The member is part of a duty's UID as published. The daemon keeps a duty's UID when an override
/// hands it to someone else in the pool's feed (same UID, higher SEQUENCE, the new name), and in the
/// member's feed marks the duty that left them STATUS:CANCELLED with a higher SEQUENCE.
public struct CalendarFeed: Sendable, Equatable {
    /// A wall-clock time in the feed's time zone.
    public struct LocalTime: Sendable, Equatable, Comparable {
        public var date: CivilDate
        /// Minutes after midnight, 0..<1440.
        public var minutes: Int

        /// Normalises 24:00 and beyond into the following days.
        public init(date: CivilDate, minutes: Int) {
            self.date = date.adding(days: minutes / (24 * 60))
            self.minutes = minutes % (24 * 60)
        }

        /// "20261231T180000", the DATE-TIME form without a zone.
        public var text: String {
            CalendarTimeZone.pad(date.year, 4) + CalendarTimeZone.pad(date.month, 2) + CalendarTimeZone.pad(date.day, 2) + "T"
                + CalendarTimeZone.pad(minutes / 60, 2) + CalendarTimeZone.pad(minutes % 60, 2) + "00"
        }

        public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { (lhs.date, lhs.minutes) < (rhs.date, rhs.minutes) }
    }

    public struct Event: Sendable, Equatable {
        public var uid: String
        public var start: LocalTime
        public var end: LocalTime
        public var summary: String
        public var description: String?
        /// 0 for a first version; higher each time the event changes after publication.
        public var sequence: Int
        /// STATUS:CANCELLED: the event was in an earlier version of the feed and no longer holds, so
        /// clients that kept it remove it (a duty that passed to someone else, in the member's feed).
        public var cancelled: Bool

        public init(
            uid: String, start: LocalTime, end: LocalTime, summary: String, description: String? = nil, sequence: Int = 0,
            cancelled: Bool = false
        ) {
            self.uid = uid
            self.start = start
            self.end = end
            self.summary = summary
            self.description = description
            self.sequence = sequence
            self.cancelled = cancelled
        }
    }

    /// Shown by clients as the calendar's name (X-WR-CALNAME).
    public var name: String
    /// IANA identifier, e.g. Asia/Tokyo.
    public var timezone: String
    public var events: [Event]

    public init(name: String, timezone: String, events: [Event]) {
        self.name = name
        self.timezone = timezone
        self.events = events
    }

    /// The feed's text: CRLF line endings, lines folded at 75 octets.
    ///
    /// - Parameter stamp: DTSTAMP of every event, the time the feed was made.
    public func render(stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//oncall//roster feed//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + ICalendarText.escape(name), "X-WR-TIMEZONE:" + timezone,
        ]
        let years = events.isEmpty ? nil : events.map(\.start.date.year).min()!...events.map(\.end.date.year).max()!
        lines += CalendarTimeZone.lines(identifier: timezone, years: years ?? currentYear(stamp)...currentYear(stamp))
        let stampText = CalendarFeed.utcText(stamp)
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + event.uid,
                "DTSTAMP:" + stampText,
                "DTSTART;TZID=\(timezone):" + event.start.text,
                "DTEND;TZID=\(timezone):" + event.end.text,
                "SEQUENCE:\(event.sequence)",
                "SUMMARY:" + ICalendarText.escape(event.summary),
            ]
            if let description = event.description { lines.append("DESCRIPTION:" + ICalendarText.escape(description)) }
            if event.cancelled { lines.append("STATUS:CANCELLED") }
            lines += [event.cancelled ? "TRANSP:TRANSPARENT" : "TRANSP:OPAQUE", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarText.fold).joined()
    }

    private func currentYear(_ date: Date) -> Int {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        return utc.component(.year, from: date)
    }

    /// "20261121T145800Z".
    static func utcText(_ date: Date) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return CalendarTimeZone.pad(c.year!, 4) + CalendarTimeZone.pad(c.month!, 2) + CalendarTimeZone.pad(c.day!, 2) + "T"
            + CalendarTimeZone.pad(c.hour!, 2) + CalendarTimeZone.pad(c.minute!, 2) + CalendarTimeZone.pad(c.second!, 2) + "Z"
    }
}
