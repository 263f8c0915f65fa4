// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel
import Testing

/// Each test breaks one rule of the hand-made valid roster of the tiny network (see
/// `validTinyDuties`) and expects that rule, and only that rule, to be reported.
@Suite("RosterChecker")
struct RosterCheckerTests {
    private func check(_ duties: [Assignment], _ change: (inout Network) -> Void = { _ in }) throws -> [Violation] {
        var n = try tinyNetwork()
        change(&n)
        return RosterChecker.check(Roster(month: june2026, assignments: duties), in: RosterMonth(network: n, month: june2026))
    }

    private func index(of duty: Assignment, in duties: [Assignment]) -> Int { duties.firstIndex(of: duty)! }

    @Test("the hand-made roster holds every rule")
    func valid() throws {
        #expect(try check(validTinyDuties) == [])
    }

    @Test("the hand-made roster holds every rule with limits it just meets")
    func validAtLimits() throws {
        // Everyone has at most 2 duties (all on holidays) and at most one a day.
        let violations = try check(validTinyDuties) {
            $0.rules.maxDuties = 2
            $0.rules.maxHolidayDuties = 2
            $0.rules.maxDutiesPerDay = 1
        }
        #expect(violations == [])
    }

    @Test("coverage: a missing duty")
    func coverageMissing() throws {
        let duties = validTinyDuties.filter { $0 != duty("2026-06-11", "night", "nights", .primary, "e") }
        let violations = try check(duties)
        #expect(violations.map(\.rule) == [.coverage])
        #expect(violations.first?.assignments == [])
        #expect(violations.first?.message.contains("2026-06-11 night") == true)
        #expect(violations.first?.message.contains("nights") == true)
    }

    @Test("coverage: a missing backup")
    func coverageMissingBackup() throws {
        let duties = validTinyDuties.filter { $0 != duty("2026-06-10", "day", "docs", .backup, "c") }
        let violations = try check(duties)
        #expect(violations.map(\.rule) == [.coverage])
        #expect(violations.first?.message.contains("backup") == true)
    }

    @Test("coverage: an extra primary")
    func coverageExtra() throws {
        let extra = duty("2026-06-12", "night", "nights", .primary, "b")
        let duties = validTinyDuties + [extra]
        let violations = try check(duties)
        #expect(violations.map(\.rule) == [.coverage])
        #expect(Set(violations.first?.assignments ?? []) == [index(of: extra, in: duties), 8])
    }

    @Test("no_such_shift: a shift on a date it does not run, and an unknown pool")
    func noSuchShift() throws {
        // 2026-06-15 is a Monday, not a holiday: `day` does not run.
        let duties = validTinyDuties + [
            duty("2026-06-15", "day", "docs", .primary, "a"),
            duty("2026-06-15", "night", "wards", .primary, "c"),
        ]
        let violations = try check(duties)
        #expect(violations.map(\.rule) == [.noSuchShift, .noSuchShift])
        #expect(violations.map(\.assignments) == [[9], [10]])
    }

    @Test("not_in_pool: a nurse in the physicians' night pool")
    func notInPool() throws {
        let duties = replacing(validTinyDuties, "2026-06-12", "night", "nights", .primary, with: "n")
        let violations = try check(duties)
        #expect(violations.map(\.rule) == [.notInPool])
        #expect(violations.first?.assignments == [8])
        #expect(violations.first?.message.contains("nurse") == true)
    }

    @Test("not_in_pool: a hospital physician where the pool takes clinics only, and fte 0")
    func notInPoolScope() throws {
        let hospital = try check(replacing(validTinyDuties, "2026-06-12", "night", "nights", .primary, with: "h"))
        #expect(hospital.map(\.rule) == [.notInPool])
        let fteZero = try check(replacing(validTinyDuties, "2026-06-12", "night", "nights", .primary, with: "f"))
        #expect(fteZero.map(\.rule) == [.notInPool])
        #expect(fteZero.first?.message.contains("fte 0") == true)
    }

    @Test("off: a member on duty on a day off")
    func dayOff() throws {
        // d is off on the 11th; give them the 11th's night instead of e.
        let duties = replacing(validTinyDuties, "2026-06-11", "night", "nights", .primary, with: "d")
        let violations = try check(duties)
        #expect(violations.map(\.rule) == [.dayOff])
        #expect(violations.first?.assignments == [5])
    }

    @Test("off: a night off does not forbid the day shift")
    func shiftOff() throws {
        let violations = try check(validTinyDuties) {
            // a is on the 12th's day shift; a night off that date must not matter.
            $0.members[0].off = [DayOff("2026-06-12/night")!]
        }
        #expect(violations == [])
        let broken = try check(validTinyDuties) { $0.members[0].off = [DayOff("2026-06-11..2026-06-12/day")!] }
        #expect(broken.map(\.rule) == [.dayOff])
        #expect(broken.first?.assignments == [6])
    }

    @Test("require: a primary without the required skill")
    func skill() throws {
        // e has no narcotics licence; c stays the backup from another facility.
        let duties = replacing(validTinyDuties, "2026-06-10", "day", "docs", .primary, with: "e")
        let violations = try check(duties)
        #expect(violations.map(\.rule) == [.skill])
        #expect(violations.first?.message.contains("narcotics") == true)
    }

    @Test("require: the backup tier has its own skills")
    func backupSkill() throws {
        let violations = try check(validTinyDuties) { $0.pools[0].requireBackup = ["palliative"] }
        // Three backups, none with the skill.
        #expect(violations.map(\.rule) == [.skill, .skill, .skill])
    }

    @Test("one_duty_per_shift: primary and backup of the same shift")
    func oneDutyPerShift() throws {
        let duties = replacing(validTinyDuties, "2026-06-10", "day", "docs", .backup, with: "a")
        let violations = try check(duties) {
            $0.rules.backupOtherFacility = false
            $0.rules.maxDutiesPerDay = 2
        }
        #expect(violations.map(\.rule) == [.oneDutyPerShift])
        #expect(Set(violations.first?.assignments ?? []) == [0, 1])
    }

    @Test("max_duties_per_day: a day and a night duty on the same date")
    func maxDutiesPerDay() throws {
        // c is the 10th's day backup; give c the 10th's night too.
        let duties = replacing(validTinyDuties, "2026-06-10", "night", "nights", .primary, with: "c")
        let violations = try check(duties)
        #expect(violations.map(\.rule) == [.maxDutiesPerDay])
        #expect(Set(violations.first?.assignments ?? []) == [1, 2])
        // Allowed when two duties a day are.
        #expect(try check(duties) { $0.rules.maxDutiesPerDay = 2 } == [])
    }

    @Test("min_rest_days: duties on consecutive days")
    func minRestDays() throws {
        // With one rest day: b works the 10th and 11th, c the 10th and 11th, e the 11th and 12th;
        // a works the 10th and 12th, two days apart, which is allowed.
        let violations = try check(validTinyDuties) { $0.rules.minRestDays = 1 }
        #expect(violations.map(\.rule) == [.minRestDays, .minRestDays, .minRestDays])
        let byAssignments = Set(violations.map { Set($0.assignments) })
        #expect(byAssignments == [[2, 3], [1, 4], [5, 7]])
        // With two rest days a's 10th and 12th break it too.
        let two = try check(validTinyDuties) { $0.rules.minRestDays = 2 }
        #expect(two.count == 4)
        #expect(Set(two.map(\.rule)) == [.minRestDays])
    }

    @Test("max_duties: a member over their own limit")
    func maxDuties() throws {
        // a has two duties (the 10th's and 12th's day primary).
        let violations = try check(validTinyDuties) { $0.members[0].maxDuties = 1 }
        #expect(violations.map(\.rule) == [.maxDuties])
        #expect(violations.first?.assignments == [0, 6])
        #expect(violations.first?.message.hasPrefix("a:") == true)
    }

    @Test("max_duties: the rule's limit applies to everyone")
    func maxDutiesRule() throws {
        // a, b, c and e have two duties each, d one.
        let violations = try check(validTinyDuties) { $0.rules.maxDuties = 1 }
        #expect(violations.count == 4)
        #expect(Set(violations.map(\.rule)) == [.maxDuties])
        #expect(Set(violations.map { String($0.message.prefix(while: { $0 != ":" })) }) == ["a", "b", "c", "e"])
    }

    @Test("max_holiday_duties: every date here is a holiday")
    func maxHolidayDuties() throws {
        let violations = try check(validTinyDuties) { $0.rules.maxHolidayDuties = 1 }
        #expect(violations.count == 4)
        #expect(Set(violations.map(\.rule)) == [.maxHolidayDuties])
        #expect(Set(violations.map { String($0.message.prefix(while: { $0 != ":" })) }) == ["a", "b", "c", "e"])
    }

    @Test("max_holiday_duties: weekday duties do not count")
    func weekdayDutiesDoNotCount() throws {
        // Make the 11th a weekday (a Thursday): its shifts no longer run, so run `day` on weekdays too.
        let violations = try check(validTinyDuties) {
            $0.calendar.extraHolidays.remove(date("2026-06-11"))
            $0.shifts[0].on.insert(.weekday)
            $0.shifts[1].on.insert(.weekday)
            $0.rules.maxHolidayDuties = 1
        }
        // Holiday duties left: a 2 (10th, 12th), b 1, c 1, e 1 (12th), d 1 → only a breaks the limit.
        // Every other weekday of June now has uncovered day and night shifts.
        let holiday = violations.filter { $0.rule == .maxHolidayDuties }
        #expect(holiday.count == 1)
        #expect(holiday.first?.message.hasPrefix("a:") == true)
        #expect(Set(violations.map(\.rule)) == [.maxHolidayDuties, .coverage])
    }

    @Test("backup_other_facility: backup from the primary's clinic")
    func backupOtherFacility() throws {
        // a (c1) is the 12th's day primary; d (c1) becomes the backup and e takes d's night.
        var duties = replacing(validTinyDuties, "2026-06-12", "day", "docs", .backup, with: "d")
        duties = replacing(duties, "2026-06-12", "night", "nights", .primary, with: "e")
        let violations = try check(duties)
        #expect(violations.map(\.rule) == [.backupOtherFacility])
        #expect(Set(violations.first?.assignments ?? []) == [6, 7])
        // The pool's own setting overrides the rule.
        #expect(try check(duties) { $0.pools[0].backupOtherFacility = false } == [])
    }

    @Test("backup_same_team: backup from another team")
    func backupSameTeam() throws {
        // Same-team pairs on the 10th (a t1, e t1) and 11th (b t1, a t1); on the 12th c (t2) backs up a (t1).
        let duties = [
            duty("2026-06-10", "day", "docs", .primary, "a"),
            duty("2026-06-10", "day", "docs", .backup, "e"),
            duty("2026-06-10", "night", "nights", .primary, "b"),
            duty("2026-06-11", "day", "docs", .primary, "b"),
            duty("2026-06-11", "day", "docs", .backup, "a"),
            duty("2026-06-11", "night", "nights", .primary, "e"),
            duty("2026-06-12", "day", "docs", .primary, "a"),
            duty("2026-06-12", "day", "docs", .backup, "c"),
            duty("2026-06-12", "night", "nights", .primary, "d"),
        ]
        #expect(try check(duties) == [], "without backup_same_team the roster is valid")
        let violations = try check(duties) { $0.pools[0].backupSameTeam = true }
        #expect(violations.map(\.rule) == [.backupSameTeam])
        #expect(Set(violations.first?.assignments ?? []) == [6, 7])
        #expect(violations.first?.message.contains("2026-06-12") == true)
    }

    @Test("a facility without a team is a team of its own")
    func teamKey() throws {
        let n = try tinyNetwork()
        #expect(n.teamKey(ofFacility: "c1") == n.teamKey(ofFacility: "c2"))
        #expect(n.teamKey(ofFacility: "c1") != n.teamKey(ofFacility: "c3"))
        #expect(n.teamKey(ofFacility: "hosp") != n.teamKey(ofFacility: "c3"))
    }
}
