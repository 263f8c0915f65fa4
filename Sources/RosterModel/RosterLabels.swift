// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

/// Words for dates and duties on printed, exported and served rosters, in the reader's language.
extension ReportLanguage {
    public func weekday(_ day: Weekday) -> String {
        switch self {
        case .ja: return ["日", "月", "火", "水", "木", "金", "土"][day.rawValue]
        case .en: return ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][day.rawValue]
        }
    }

    public func dayType(_ type: DayType) -> String {
        switch (self, type) {
        case (.ja, .weekday): return "平日"
        case (.ja, .saturday): return "土曜"
        case (.ja, .sunday): return "日曜"
        case (.ja, .holiday): return "祝日"
        case (.en, _): return type.rawValue
        }
    }

    public func tier(_ tier: Tier) -> String { label(tier.rawValue) }

    /// "2026年12月 当番表" or "On-call roster 2026-12": the title of a month's roster.
    public func rosterTitle(_ month: YearMonth) -> String {
        self == .ja ? "\(month.year)年\(month.month)月 当番表" : "On-call roster \(month)"
    }

    /// A grid column's heading: "日中 当番" under its pool, or with the pool for flat tables.
    public func heading(_ column: RosterGrid.Column, withPool: Bool) -> String {
        (withPool ? "\(column.poolName) " : "") + "\(column.shiftName) \(tier(column.tier))"
    }
}
