// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The VTIMEZONE component a feed's TZID refers to, worked out from the system's time zone data.
///
/// Japan keeps one offset all year (JST, +09:00) and gets a single STANDARD sub-component; zones
/// with daylight saving time get one sub-component per transition in the years the feed covers.
public enum CalendarTimeZone {
    /// Content lines (unfolded) from BEGIN:VTIMEZONE to END:VTIMEZONE.
    public static func lines(identifier: String, years: ClosedRange<Int>) -> [String] {
        guard let zone = TimeZone(identifier: identifier) else { return [] }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let start = utc.date(from: DateComponents(year: years.lowerBound, month: 1, day: 1))!
        let end = utc.date(from: DateComponents(year: years.upperBound + 1, month: 1, day: 1))!

        var lines = ["BEGIN:VTIMEZONE", "TZID:\(identifier)"]
        // The offset in force when the covered years begin, valid from long before.
        let initial = zone.secondsFromGMT(for: start)
        lines += component(
            daylight: zone.isDaylightSavingTime(for: start), from: initial, to: initial,
            name: name(zone, at: start), localStart: "19700101T000000")

        var cursor = start
        while let transition = zone.nextDaylightSavingTimeTransition(after: cursor), transition < end {
            let from = zone.secondsFromGMT(for: transition.addingTimeInterval(-1))
            let to = zone.secondsFromGMT(for: transition)
            // DTSTART of a transition is the local time just before it, in the old offset.
            let local = transition.addingTimeInterval(TimeInterval(from))
            let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: local)
            let stamp = pad(c.year!, 4) + pad(c.month!, 2) + pad(c.day!, 2) + "T" + pad(c.hour!, 2) + pad(c.minute!, 2) + pad(c.second!, 2)
            lines += component(
                daylight: zone.isDaylightSavingTime(for: transition), from: from, to: to,
                name: name(zone, at: transition), localStart: stamp)
            cursor = transition
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    /// The zone's short name; Foundation on Linux may only know "GMT+9" for Japan, which clients
    /// show as is, so Japan's own name is filled in.
    static func name(_ zone: TimeZone, at date: Date) -> String? {
        let abbreviation = zone.abbreviation(for: date)
        if zone.identifier == "Asia/Tokyo", abbreviation?.hasPrefix("GMT") ?? true { return "JST" }
        return abbreviation
    }

    private static func component(daylight: Bool, from: Int, to: Int, name: String?, localStart: String) -> [String] {
        let kind = daylight ? "DAYLIGHT" : "STANDARD"
        var lines = ["BEGIN:\(kind)", "DTSTART:\(localStart)", "TZOFFSETFROM:\(offset(from))", "TZOFFSETTO:\(offset(to))"]
        if let name, !name.isEmpty { lines.append("TZNAME:\(ICalendarText.escape(name))") }
        lines.append("END:\(kind)")
        return lines
    }

    /// "+0900", "-0430": the UTC-OFFSET form (RFC 5545 3.3.14).
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + pad(minutes / 60, 2) + pad(minutes % 60, 2)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
