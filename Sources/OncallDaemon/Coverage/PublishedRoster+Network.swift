// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import OncallStore
import RosterModel

extension PublishedRoster {
    /// The roster its duties make against `network`; nil when it cannot be in force: a duty names a shift, pool or
    /// member the network file no longer has (the file was edited since), or falls outside the month, or there
    /// are no duties at all (nothing publishes an empty roster, but a version whose text the upgrade to duty rows
    /// could not split has none). The same checks as parsing the roster's text once made, on typed values:
    /// dictionary look-ups only, cheap enough to run on the book's actor.
    func roster(in network: Network) -> Roster? {
        guard let month = YearMonth(self.month), !duties.isEmpty else { return nil }
        var assignments: [Assignment] = []
        assignments.reserveCapacity(duties.count)
        for duty in duties {
            guard let a = duty.assignment, month.contains(a.date), network.shiftIndex[a.shift] != nil, network.poolIndex[a.pool] != nil,
                network.memberIndex[a.member] != nil
            else { return nil }
            assignments.append(a)
        }
        return Roster(month: month, assignments: assignments)
    }
}
