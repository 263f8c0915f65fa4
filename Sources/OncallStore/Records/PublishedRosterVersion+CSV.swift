// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel

extension PublishedRosterVersion {
    /// The version's duties as a roster of the model, in their published order. Throws when the month or a
    /// date is not a calendar one: the database checks their shape, and only raw SQL can get past that.
    public var roster: Roster {
        get throws {
            guard let month = YearMonth(self.month) else { throw StoreError(.schemaNotCurrent, "published month \"\(self.month)\" is not a month") }
            var assignments: [Assignment] = []
            assignments.reserveCapacity(duties.count)
            for duty in duties {
                guard let assignment = duty.assignment else {
                    throw StoreError(.schemaNotCurrent, "a duty of \(self.month) version \(version) has no calendar date: \"\(duty.date)\"")
                }
                assignments.append(assignment)
            }
            return Roster(month: month, assignments: assignments)
        }
    }

    /// The version as the canonical roster CSV (``RosterCSV/render(_:network:)``): the same bytes as the text
    /// that was stored before duties were rows, as long as the network still names the same people and times.
    /// Names, facilities and shift times are `network`'s, as it is now.
    public func csv(in network: Network) throws -> String {
        try RosterCSV.render(try roster, network: network)
    }
}
