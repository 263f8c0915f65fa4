// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel

/// Words for dates and duties on printed and exported rosters, in the reader's language.
extension ReportLanguage {
    func weekday(_ day: Weekday) -> String {
        switch self {
        case .ja: return ["日", "月", "火", "水", "木", "金", "土"][day.rawValue]
        case .en: return ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][day.rawValue]
        }
    }

    func dayType(_ type: DayType) -> String {
        switch (self, type) {
        case (.ja, .weekday): return "平日"
        case (.ja, .saturday): return "土曜"
        case (.ja, .sunday): return "日曜"
        case (.ja, .holiday): return "祝日"
        case (.en, _): return type.rawValue
        }
    }

    func tier(_ tier: Tier) -> String { label(tier.rawValue) }

    /// A grid column's heading: "日中 当番" under its pool, or with the pool for flat tables.
    func heading(_ column: RosterGrid.Column, withPool: Bool) -> String {
        (withPool ? "\(column.poolName) " : "") + "\(column.shiftName) \(tier(column.tier))"
    }
}
