// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

/// What a fairness report counts for one member while it reads the duties of one or more months.
struct MemberTally {
    /// A `prefer_off` request within a month: a date, or a date and one shift.
    struct Request: Hashable {
        var date: CivilDate
        var shift: String?
    }

    var history: Double
    var load: Double
    var primary = 0
    var backup = 0
    var nights = 0
    var weekendHoliday = 0
    var yearEnd = 0
    var dutyDates = Set<CivilDate>()
    var requests = Set<Request>()
    var requestsBroken = Set<Request>()

    init(history: Double) {
        self.history = history
        self.load = history
    }

    /// Every date (or date and shift) of the month the member asked to be off.
    mutating func countRequests(_ member: Member, _ month: RosterMonth) {
        for entry in member.preferOff {
            for date in month.dates where date >= entry.first && date <= entry.last {
                requests.insert(Request(date: date, shift: entry.shift))
            }
        }
    }

    mutating func add(_ a: Assignment, shift: Shift, weight: Double, network: Network) {
        load += weight
        if a.tier == .primary { primary += 1 } else { backup += 1 }
        if shift.crossesMidnight { nights += 1 }
        if network.dayType(of: a.date).isHolidayType { weekendHoliday += 1 }
        if Network.isYearEnd(a.date) { yearEnd += 1 }
        dutyDates.insert(a.date)
        for request in [Request(date: a.date, shift: nil), Request(date: a.date, shift: a.shift)] where requests.contains(request) {
            requestsBroken.insert(request)
        }
    }

    var longestRun: Int {
        var longest = 0, run = 0
        var previous: CivilDate?
        for date in dutyDates.sorted() {
            run = previous.map { date == $0.adding(days: 1) } == true ? run + 1 : 1
            longest = max(longest, run)
            previous = date
        }
        return longest
    }

    var shortestGap: Int? {
        let dates = dutyDates.sorted()
        return zip(dates, dates.dropFirst()).map { $1.dayNumber - $0.dayNumber }.min()
    }
}
