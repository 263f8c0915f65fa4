// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import OncallCalendar
import RosterModel

/// One duty of a published roster version: a member holding a tier of a pool's shift on a date.
///
/// Duties are rows, not CSV text, so the database checks what it can (the tier is primary or backup, the
/// date lies in the version's month, the version exists) and the daemon reads typed values instead of
/// parsing its own text again at every reload. A version's duties keep the order they were published in
/// (the table's `position` column, which is the duty's place in ``PublishedRosterVersion/duties``).
public struct PublishedDuty: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "published_duty"
    /// The month ("YYYY-MM") and version this duty belongs to. The store sets both when the roster is
    /// published: a roster being published has no version yet (0 until then).
    public var month: String
    public var version: Int
    /// The date the shift starts on, "YYYY-MM-DD".
    public var date: String
    public var shift: String
    public var pool: String
    public var tier: Tier
    public var member: String

    public init(month: String, version: Int = 0, date: String, shift: String, pool: String, tier: Tier, member: String) {
        self.month = month
        self.version = version
        self.date = date
        self.shift = shift
        self.pool = pool
        self.tier = tier
        self.member = member
    }

    /// The duty of `assignment` in `month`'s roster, not yet numbered with a version.
    public init(_ assignment: Assignment, month: String) {
        self.init(
            month: month, date: assignment.date.description, shift: assignment.shift, pool: assignment.pool, tier: assignment.tier,
            member: assignment.member)
    }

    /// The duty as the roster model's assignment; nil when `date` is not a calendar date (the database checks
    /// its shape only, so "2026-02-30" would pass it).
    public var assignment: Assignment? {
        CivilDate(date).map { Assignment(date: $0, shift: shift, pool: pool, tier: tier, member: member) }
    }
}
