// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

/// A month's roster the way people pin it on a wall: dates down, one column per pool, shift and
/// tier across, member names in the cells. The Excel export and the printable page both read it.
public struct RosterGrid: Sendable {
    public struct Column: Sendable, Equatable {
        public var pool: String
        public var poolName: String
        public var shift: String
        public var shiftName: String
        public var tier: Tier
    }

    public struct Row: Sendable {
        public var date: CivilDate
        public var dayType: DayType
        /// The national holiday's name, 年末年始 or 休日; nil on ordinary days.
        public var holidayName: String?
        /// 12-29 … 01-03.
        public var isYearEnd: Bool
        /// Per column, the names of the members on duty (usually one).
        public var cells: [[String]]
        /// Per column, the ids of the same members, in the same order.
        public var members: [[String]]
    }

    /// Pools in network order; within a pool, shifts by start time, primary before backup.
    public let columns: [Column]
    public let rows: [Row]

    public init(roster: Roster, network: Network) {
        let shiftOrder = network.shifts.sorted { $0.start < $1.start }
        var columns: [Column] = []
        for pool in network.pools {
            for shift in shiftOrder where pool.shifts.contains(shift.id) {
                for tier in Tier.allCases where pool.count(of: tier) > 0 {
                    columns.append(Column(pool: pool.id, poolName: pool.name, shift: shift.id, shiftName: shift.name, tier: tier))
                }
            }
        }
        self.columns = columns
        var columnIndex: [String: Int] = [:]
        for (i, c) in columns.enumerated() { columnIndex["\(c.pool)\u{1F}\(c.shift)\u{1F}\(c.tier.rawValue)"] = i }
        var rows = roster.month.days.map { date in
            Row(
                date: date, dayType: network.dayType(of: date), holidayName: network.holidayName(of: date),
                isYearEnd: network.calendar.yearEnd && Network.isYearEnd(date), cells: Array(repeating: [], count: columns.count),
                members: Array(repeating: [], count: columns.count))
        }
        for a in roster.sorted(in: network).assignments where roster.month.contains(a.date) {
            guard let c = columnIndex["\(a.pool)\u{1F}\(a.shift)\u{1F}\(a.tier.rawValue)"] else { continue }
            let name = network.memberIndex[a.member].map { network.members[$0].name } ?? a.member
            rows[a.date.day - 1].cells[c].append(name)
            rows[a.date.day - 1].members[c].append(a.member)
        }
        self.rows = rows
    }

    /// The columns of one pool, with their positions in `columns`.
    public func columns(ofPool pool: String) -> [(index: Int, column: Column)] {
        columns.enumerated().filter { $0.element.pool == pool }.map { ($0.offset, $0.element) }
    }
}
