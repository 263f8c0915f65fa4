// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar

/// A home-care network as its file describes it: who can cover what, under which rules.
///
/// Values are validated by `NetworkLoader`: every reference resolves, every number is in range.
/// Lookups by id go through the index dictionaries, built once.
public struct Network: Sendable {
    public var name: String
    public var timezone: String
    public var calendar: CalendarSettings
    public var shifts: [Shift]
    public var districts: [District]
    public var facilities: [Facility]
    public var members: [Member]
    public var pools: [Pool]
    public var rules: Rules
    /// Weighted load carried over from earlier months, by member id.
    public var history: [String: Double]
    public var objective: ObjectiveWeights

    public let shiftIndex: [String: Int]
    public let facilityIndex: [String: Int]
    public let memberIndex: [String: Int]
    public let poolIndex: [String: Int]

    public init(
        name: String, timezone: String, calendar: CalendarSettings, shifts: [Shift], districts: [District],
        facilities: [Facility], members: [Member], pools: [Pool], rules: Rules, history: [String: Double],
        objective: ObjectiveWeights
    ) {
        self.name = name
        self.timezone = timezone
        self.calendar = calendar
        self.shifts = shifts
        self.districts = districts
        self.facilities = facilities
        self.members = members
        self.pools = pools
        self.rules = rules
        self.history = history
        self.objective = objective
        self.shiftIndex = Dictionary(shifts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.facilityIndex = Dictionary(facilities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.memberIndex = Dictionary(members.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.poolIndex = Dictionary(pools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func facility(of member: Member) -> Facility { facilities[facilityIndex[member.facility]!] }

    /// The member's load brought in from earlier months.
    public func history(of member: Member) -> Double { history[member.id] ?? 0 }

    /// The most duties a member may take this month.
    public func maxDuties(of member: Member) -> Int? { member.maxDuties ?? rules.maxDuties }

    /// Whether the backup of a pool's shift must come from another facility than its primary.
    public func backupOtherFacility(in pool: Pool) -> Bool { pool.backupOtherFacility ?? rules.backupOtherFacility }
}

public struct CalendarSettings: Sendable, Equatable {
    /// Japanese national holidays apply ("jp") or not ("none").
    public var nationalHolidays: Bool
    /// 12-29 .. 01-03 count as holidays.
    public var yearEnd: Bool
    public var extraHolidays: Set<CivilDate>

    public init(nationalHolidays: Bool = true, yearEnd: Bool = true, extraHolidays: Set<CivilDate> = []) {
        self.nationalHolidays = nationalHolidays
        self.yearEnd = yearEnd
        self.extraHolidays = extraHolidays
    }
}

/// The four kinds of date a shift can be scheduled on.
public enum DayType: String, Sendable, CaseIterable, Codable {
    case weekday, saturday, sunday, holiday

    /// Saturdays, Sundays and holidays count against `max_holiday_duties`.
    public var isHolidayType: Bool { self != .weekday }
}

/// A time of day, minutes after midnight.
public struct TimeOfDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let minutes: Int
    public init?(hour: Int, minute: Int) {
        guard (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 24 * 60 else { return nil }
        self.minutes = hour * 60 + minute
    }
    /// Parses "HH:MM" (or "H:MM").
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(hour: h, minute: m)
    }
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }
}

/// A time window of a date; it belongs to the date it starts on.
public struct Shift: Sendable, Equatable {
    public var id: String
    public var name: String
    public var start: TimeOfDay
    public var end: TimeOfDay
    public var on: Set<DayType>
    /// Load of one primary duty of this shift.
    public var weight: Double

    /// Ends on the next day (a night shift): "tonight" at 02:00 belongs to yesterday's date.
    public var crossesMidnight: Bool { end <= start }
    public var durationMinutes: Int { crossesMidnight ? 24 * 60 - start.minutes + end.minutes : end.minutes - start.minutes }
}

public struct District: Sendable, Equatable {
    public var id: String
    public var name: String
}

public enum FacilityKind: String, Sendable, CaseIterable, Codable {
    case clinic
    case nurseStation = "nurse_station"
    case pharmacy
    case hospital
}

public struct Facility: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: FacilityKind
    public var district: String?
    public var team: String?
    /// The facility's own line: `phone` is the callback number a page gives when the facility escalates;
    /// the channels reach its desk (a hospital's night desk is the hospital step when no doctor is rostered).
    public var contact: Contact?

    public init(id: String, name: String, kind: FacilityKind, district: String? = nil, team: String? = nil, contact: Contact? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.district = district
        self.team = team
        self.contact = contact
    }
}

public enum Role: String, Sendable, CaseIterable, Codable {
    case physician, nurse, pharmacist
}

public struct Contact: Sendable, Equatable, Codable {
    public var webhook: String?
    public var email: String?
    public var sms: String?
    /// A number to call back; not a paging channel.
    public var phone: String?
    public init(webhook: String? = nil, email: String? = nil, sms: String? = nil, phone: String? = nil) {
        self.webhook = webhook
        self.email = email
        self.sms = sms
        self.phone = phone
    }
}

public struct Member: Sendable, Equatable {
    public var id: String
    public var name: String
    public var facility: String
    public var role: Role
    public var skills: Set<String>
    /// Share of load: 1 full time, 0.5 half; 0 takes no duties.
    public var fte: Double
    public var maxDuties: Int?
    public var off: [DayOff]
    public var preferOff: [DayOff]
    public var contact: Contact

    public init(
        id: String, name: String, facility: String, role: Role, skills: Set<String> = [], fte: Double = 1, maxDuties: Int? = nil,
        off: [DayOff] = [], preferOff: [DayOff] = [], contact: Contact = Contact()
    ) {
        self.id = id
        self.name = name
        self.facility = facility
        self.role = role
        self.skills = skills
        self.fte = fte
        self.maxDuties = maxDuties
        self.off = off
        self.preferOff = preferOff
        self.contact = contact
    }

    public func isOff(on date: CivilDate, shift: String) -> Bool { off.contains { $0.covers(date, shift: shift) } }
    public func prefersOff(on date: CivilDate, shift: String) -> Bool { preferOff.contains { $0.covers(date, shift: shift) } }
}

/// A day off as written: a date, an inclusive range of dates, optionally only one shift.
public struct DayOff: Sendable, Equatable, CustomStringConvertible {
    public var first: CivilDate
    public var last: CivilDate
    /// Only this shift; nil for whole days.
    public var shift: String?

    public init(first: CivilDate, last: CivilDate, shift: String? = nil) {
        self.first = first
        self.last = last
        self.shift = shift
    }

    /// Why a text is not a day off, in words for the message that refuses it ("2026-02-30: 2026-02 has 28 days").
    public struct NotADayOff: Error, Sendable, Equatable {
        public var reason: String
    }

    /// "2026-12-05", "2026-12-24..2026-12-26" or either followed by "/shift-id".
    public init?(_ text: String) {
        guard case .success(let off) = Self.parse(text) else { return nil }
        self = off
    }

    /// The day off `text` writes, or why it is none.
    public static func parse(_ text: String) -> Result<DayOff, NotADayOff> {
        func refuse(_ reason: String) -> Result<DayOff, NotADayOff> { .failure(NotADayOff(reason: reason)) }
        var body = Substring(text.trimmingSpaces)
        var shift: String?
        if let slash = body.firstIndex(of: "/") {
            shift = String(body[body.index(after: slash)...])
            body = body[..<slash]
            if shift?.isEmpty != false { return refuse("nothing follows the /: give a shift id, or leave out the /") }
        }
        let ends = body.components(separatedBy: "..")
        guard (1...2).contains(ends.count) else { return refuse("give one date, or two joined by ..") }
        var dates: [CivilDate] = []
        for end in ends {
            if let date = CivilDate(end) {
                dates.append(date)
                continue
            }
            let parts = end.split(separator: "-").map { Int($0) }
            if parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2] {
                guard let month = YearMonth(year: y, month: m) else { return refuse("\(end): there is no month \(m)") }
                return refuse(d < 1 ? "\(end): days start at 01" : "\(end): \(month) has \(month.days.count) days")
            }
            return refuse("\(end) is not a date YYYY-MM-DD")
        }
        guard let first = dates.first, let last = dates.last, first <= last else {
            return refuse("the range ends before it starts: write \(dates.last!)..\(dates.first!)")
        }
        return .success(DayOff(first: first, last: last, shift: shift))
    }

    public func covers(_ date: CivilDate, shift: String) -> Bool {
        date >= first && date <= last && (self.shift == nil || self.shift == shift)
    }

    public var description: String {
        (first == last ? "\(first)" : "\(first)..\(last)") + (shift.map { "/\($0)" } ?? "")
    }
}

/// Which facilities' members a pool draws on.
public enum PoolScope: Sendable, Equatable {
    case region
    case district(String)
    case facilities(Set<String>)
    case team(String)
}

/// The members who can cover one requirement, and what each of its shifts needs.
public struct Pool: Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: Role
    public var scope: PoolScope
    /// Only members of facilities of these kinds; nil for any.
    public var facilityKinds: Set<FacilityKind>?
    public var shifts: [String]
    public var primary: Int
    public var backup: Int
    public var requirePrimary: Set<String>
    public var requireBackup: Set<String>
    public var backupSameTeam: Bool
    /// Overrides `rules.backup_other_facility` for this pool.
    public var backupOtherFacility: Bool?

    public func required(for tier: Tier) -> Set<String> { tier == .primary ? requirePrimary : requireBackup }
    public func count(of tier: Tier) -> Int { tier == .primary ? primary : backup }
}

public enum Tier: String, Sendable, CaseIterable, Codable, Comparable {
    case primary, backup
    public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs == .primary && rhs == .backup }
}

public struct Rules: Sendable, Equatable {
    /// Duties per member per month, primary and backup together; nil for no limit.
    public var maxDuties: Int?
    public var maxDutiesPerDay: Int
    /// A duty starting on d forbids duties starting on d+1 … d+minRestDays.
    public var minRestDays: Int
    /// Duties on saturday, sunday and holiday dates per member per month; nil for no limit.
    public var maxHolidayDuties: Int?
    /// A backup duty's load relative to a primary duty of the same shift.
    public var backupWeight: Double
    public var backupOtherFacility: Bool

    public init(
        maxDuties: Int? = nil, maxDutiesPerDay: Int = 1, minRestDays: Int = 0, maxHolidayDuties: Int? = nil,
        backupWeight: Double = 0.5, backupOtherFacility: Bool = true
    ) {
        self.maxDuties = maxDuties
        self.maxDutiesPerDay = maxDutiesPerDay
        self.minRestDays = minRestDays
        self.maxHolidayDuties = maxHolidayDuties
        self.backupWeight = backupWeight
        self.backupOtherFacility = backupOtherFacility
    }
}

public struct ObjectiveWeights: Sendable, Equatable {
    /// Weight of Σ pool spreads.
    public var fairness: Double
    /// Weight of each duty given on a `prefer_off` day.
    public var requests: Double
    public init(fairness: Double = 100, requests: Double = 1) {
        self.fairness = fairness
        self.requests = requests
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
