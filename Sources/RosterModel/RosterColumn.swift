// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

/// The five columns a roster file must have, and what a value of each looks like.
enum RosterColumn: String, CaseIterable {
    case date, shift, pool, tier, member

    /// How many rows show whether the rows follow the header.
    static let sampleRows = 20

    /// Whether `value` could stand in this column: a date, or an id the network knows.
    func fits(_ value: String, _ network: Network) -> Bool {
        switch self {
        case .date: CivilDate(value) != nil
        case .shift: network.shiftIndex[value] != nil
        case .pool: network.poolIndex[value] != nil
        case .tier: Tier(rawValue: value.lowercased()) != nil
        case .member: network.memberIndex[value] != nil
        }
    }

    private var plural: String {
        switch self {
        case .date: "dates"
        case .shift: "shift ids"
        case .pool: "pool ids"
        case .tier: "tiers"
        case .member: "member ids"
        }
    }

    /// What to say when the header names the columns in another order than the rows give them:
    /// a column whose values fit in none of the first `rows` while another column's fit in all.
    /// Nil when the rows follow the header (each row's own mistakes are reported then).
    static func misplaced(_ columns: [RosterColumn: Int], rows: [[String]], network: Network) -> (message: String, hint: String)? {
        guard !rows.isEmpty else { return nil }
        func fitsEveryRow(_ column: RosterColumn, at index: Int) -> Bool { rows.allSatisfy { index < $0.count && column.fits($0[index], network) } }
        func fitsNoRow(_ column: RosterColumn, at index: Int) -> Bool { !rows.contains { index < $0.count && column.fits($0[index], network) } }
        let width = rows.map(\.count).max() ?? 0
        var found: [String] = []
        for column in allCases {
            guard let headed = columns[column], fitsNoRow(column, at: headed) else { continue }
            guard let holds = (0..<width).first(where: { $0 != headed && fitsEveryRow(column, at: $0) }) else { continue }
            found.append("the header names column \(headed + 1) \"\(column.rawValue)\", but the \(column.plural) are in column \(holds + 1)")
        }
        guard !found.isEmpty else { return nil }
        return (
            "the header does not match the rows: " + found.joined(separator: "; "),
            "name the columns in the first line in the order the rows give them (e.g. date,shift,pool,tier,member)"
        )
    }
}
