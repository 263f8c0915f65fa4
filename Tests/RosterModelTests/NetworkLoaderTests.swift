// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import RosterModel
import Testing

// MARK: - Good input

/// The same network in YAML (block and flow style, one unquoted date) and in JSON.
private let goodYAML = """
    name: 試験ネットワーク
    timezone: Asia/Tokyo
    calendar:
      holidays: jp
      year_end: true
      extra_holidays: [2026-08-13, "2026-08-14"]
    shifts:
      - id: night
        name: 夜間
        start: "18:00"
        end: "09:00"
        on: [weekday, saturday, sunday, holiday]
        weight: 1.0
      - {id: holiday-day, start: "09:00", end: "18:00", on: [sunday, holiday], weight: 1.5}
    districts:
      - {id: north, name: 北地区}
    facilities:
      - {id: c1, name: 一診療所, kind: clinic, district: north, team: t1}
      - {id: c2, name: 二診療所, kind: clinic, district: north, team: t1}
      - {id: ph, name: 薬局, kind: pharmacy, district: north}
    members:
      - id: a
        name: 医師A
        facility: c1
        role: physician
        skills: [narcotics]
        off: ["2026-12-05", "2026-12-24..2026-12-26", "2026-12-31/night"]
        prefer_off: ["2026-12-13"]
        contact: {email: a@example.invalid, sms: "+81-90-0000-0001"}
      - id: b
        facility: c2
        role: physician
        fte: 0.5
        max_duties: 4
      - id: p
        facility: ph
        role: pharmacist
        skills: [narcotics]
    pools:
      - id: docs
        role: physician
        district: north
        shifts: [night, holiday-day]
        primary: 1
        backup: 1
      - id: pharm
        role: pharmacist
        facility_kinds: [pharmacy]
        shifts: [night]
        require: {primary: [narcotics]}
        backup_other_facility: false
    history:
      b: 2.5

    """

private let goodJSON = """
    {
      "name": "試験ネットワーク",
      "timezone": "Asia/Tokyo",
      "calendar": {"holidays": "jp", "year_end": true, "extra_holidays": ["2026-08-13", "2026-08-14"]},
      "shifts": [
        {"id": "night", "name": "夜間", "start": "18:00", "end": "09:00",
         "on": ["weekday", "saturday", "sunday", "holiday"], "weight": 1.0},
        {"id": "holiday-day", "start": "09:00", "end": "18:00", "on": ["sunday", "holiday"], "weight": 1.5}
      ],
      "districts": [{"id": "north", "name": "北地区"}],
      "facilities": [
        {"id": "c1", "name": "一診療所", "kind": "clinic", "district": "north", "team": "t1"},
        {"id": "c2", "name": "二診療所", "kind": "clinic", "district": "north", "team": "t1"},
        {"id": "ph", "name": "薬局", "kind": "pharmacy", "district": "north"}
      ],
      "members": [
        {"id": "a", "name": "医師A", "facility": "c1", "role": "physician", "skills": ["narcotics"],
         "off": ["2026-12-05", "2026-12-24..2026-12-26", "2026-12-31/night"], "prefer_off": ["2026-12-13"],
         "contact": {"email": "a@example.invalid", "sms": "+81-90-0000-0001"}},
        {"id": "b", "facility": "c2", "role": "physician", "fte": 0.5, "max_duties": 4},
        {"id": "p", "facility": "ph", "role": "pharmacist", "skills": ["narcotics"]}
      ],
      "pools": [
        {"id": "docs", "role": "physician", "district": "north", "shifts": ["night", "holiday-day"], "primary": 1, "backup": 1},
        {"id": "pharm", "role": "pharmacist", "facility_kinds": ["pharmacy"], "shifts": ["night"],
         "require": {"primary": ["narcotics"]}, "backup_other_facility": false}
      ],
      "history": {"b": 2.5}
    }

    """

@Suite("NetworkLoader: good input")
struct NetworkLoaderGoodInputTests {
    /// Every value of the good network, worked out from the file text and the schema's defaults.
    private func expectGoodNetwork(_ n: Network) throws {
        #expect(n.name == "試験ネットワーク")
        #expect(n.timezone == "Asia/Tokyo")
        #expect(n.calendar.nationalHolidays)
        #expect(n.calendar.yearEnd)
        #expect(n.calendar.extraHolidays == [date("2026-08-13"), date("2026-08-14")])

        #expect(n.shifts.map(\.id) == ["night", "holiday-day"])
        let night = n.shifts[0], holidayDay = n.shifts[1]
        #expect(night.name == "夜間")
        #expect(night.start.minutes == 18 * 60)
        #expect(night.end.minutes == 9 * 60)
        #expect(night.on == [.weekday, .saturday, .sunday, .holiday])
        #expect(night.weight == 1.0)
        #expect(night.crossesMidnight)
        #expect(night.durationMinutes == 15 * 60)
        #expect(holidayDay.name == "holiday-day", "name defaults to the id")
        #expect(holidayDay.on == [.sunday, .holiday])
        #expect(holidayDay.weight == 1.5)
        #expect(!holidayDay.crossesMidnight)
        #expect(holidayDay.durationMinutes == 9 * 60)

        #expect(n.districts.map(\.id) == ["north"])
        #expect(n.facilities.map(\.id) == ["c1", "c2", "ph"])
        #expect(n.facilities.map(\.kind) == [.clinic, .clinic, .pharmacy])
        #expect(n.facilities.map(\.team) == ["t1", "t1", nil])

        #expect(n.members.map(\.id) == ["a", "b", "p"])
        let a = n.members[0], b = n.members[1], p = n.members[2]
        #expect(a.name == "医師A")
        #expect(a.role == .physician)
        #expect(a.skills == ["narcotics"])
        #expect(a.fte == 1, "fte defaults to 1")
        #expect(a.maxDuties == nil)
        #expect(a.off.count == 3)
        #expect(a.off[0] == DayOff(first: date("2026-12-05"), last: date("2026-12-05")))
        #expect(a.off[1] == DayOff(first: date("2026-12-24"), last: date("2026-12-26")))
        #expect(a.off[2] == DayOff(first: date("2026-12-31"), last: date("2026-12-31"), shift: "night"))
        #expect(a.isOff(on: date("2026-12-25"), shift: "holiday-day"))
        #expect(!a.isOff(on: date("2026-12-27"), shift: "night"))
        #expect(a.isOff(on: date("2026-12-31"), shift: "night"))
        #expect(!a.isOff(on: date("2026-12-31"), shift: "holiday-day"))
        #expect(a.preferOff == [DayOff(first: date("2026-12-13"), last: date("2026-12-13"))])
        #expect(a.contact == Contact(email: "a@example.invalid", sms: "+81-90-0000-0001"))
        #expect(b.name == "b", "name defaults to the id")
        #expect(b.fte == 0.5)
        #expect(b.maxDuties == 4)
        #expect(b.skills.isEmpty)
        #expect(b.off.isEmpty)
        #expect(p.role == .pharmacist)

        #expect(n.pools.map(\.id) == ["docs", "pharm"])
        let docs = n.pools[0], pharm = n.pools[1]
        #expect(docs.scope == .district("north"))
        #expect(docs.facilityKinds == nil)
        #expect(docs.shifts == ["night", "holiday-day"])
        #expect(docs.primary == 1 && docs.backup == 1)
        #expect(docs.backupSameTeam == false)
        #expect(docs.backupOtherFacility == nil)
        #expect(pharm.scope == .region)
        #expect(pharm.facilityKinds == [.pharmacy])
        #expect(pharm.primary == 1, "primary defaults to 1")
        #expect(pharm.backup == 0, "backup defaults to 0")
        #expect(pharm.requirePrimary == ["narcotics"])
        #expect(pharm.requireBackup.isEmpty)
        #expect(pharm.backupOtherFacility == false)

        // No rules: section, so every rule has its default.
        #expect(n.rules.maxDuties == nil)
        #expect(n.rules.maxDutiesPerDay == 1)
        #expect(n.rules.minRestDays == 0)
        #expect(n.rules.maxHolidayDuties == nil)
        #expect(n.rules.backupWeight == 0.5)
        #expect(n.rules.backupOtherFacility == true)
        #expect(n.backupOtherFacility(in: docs) == true, "the pool follows rules.backup_other_facility")
        #expect(n.backupOtherFacility(in: pharm) == false, "the pool's own setting wins")
        #expect(n.maxDuties(of: a) == nil)
        #expect(n.maxDuties(of: b) == 4)

        #expect(n.history == ["b": 2.5])
        #expect(n.history(of: a) == 0)
        #expect(n.history(of: b) == 2.5)
    }

    @Test("a small network in YAML loads with every value and default")
    func yaml() throws {
        try expectGoodNetwork(try loadNetwork(goodYAML))
    }

    @Test(
        "the same network in JSON loads with every value and default")
    func json() throws {
        try expectGoodNetwork(try loadNetwork(goodJSON, ext: "json"))
    }

    @Test(
        "YAML and JSON give the same network")
    func yamlEqualsJSON() throws {
        let y = try loadNetwork(goodYAML)
        let j = try loadNetwork(goodJSON, ext: "json")
        #expect(y.name == j.name)
        #expect(y.calendar == j.calendar)
        #expect(y.shifts == j.shifts)
        #expect(y.districts == j.districts)
        #expect(y.facilities == j.facilities)
        #expect(y.members == j.members)
        #expect(y.pools == j.pools)
        #expect(y.rules == j.rules)
        #expect(y.history == j.history)
        #expect(y.objective == j.objective)
    }

    @Test("rules, objective and a byte-order mark are read")
    func rulesAndObjective() throws {
        let text = "\u{FEFF}" + goodYAML + """
            rules: {max_duties: 8, max_duties_per_day: 2, min_rest_days: 1, max_holiday_duties: 3, backup_weight: 0.25, backup_other_facility: false}
            objective: {fairness: 7, requests: 3}

            """
        let n = try loadNetwork(text)
        #expect(n.rules == Rules(maxDuties: 8, maxDutiesPerDay: 2, minRestDays: 1, maxHolidayDuties: 3, backupWeight: 0.25, backupOtherFacility: false))
        #expect(n.objective == ObjectiveWeights(fairness: 7, requests: 3))
        #expect(n.backupOtherFacility(in: n.pools[0]) == false)
        #expect(n.maxDuties(of: n.members[0]) == 8, "a member without max_duties gets the rule's")
        #expect(n.maxDuties(of: n.members[1]) == 4, "a member's own max_duties wins")
    }

    @Test(
        "a quoted \"off\" key in YAML gives the member days off",
        )
    func quotedOffKey() throws {
        let text = goodYAML.replacingOccurrences(of: #"    off: ["2026-12-05", "#, with: #"    "off": ["2026-12-05", "#)
        let n = try loadNetwork(text)
        #expect(n.members[0].off.count == 3)
    }

    @Test("unquoted YAML dates in extra_holidays and off are dates")
    func unquotedDates() throws {
        let text = goodYAML
            .replacingOccurrences(of: #"[2026-08-13, "2026-08-14"]"#, with: "[2026-08-13, 2026-08-14, 2027-01-04]")
            .replacingOccurrences(of: #"off: ["2026-12-05", "#, with: #"off: [2026-12-05, "#)
        let n = try loadNetwork(text)
        #expect(n.calendar.extraHolidays == [date("2026-08-13"), date("2026-08-14"), date("2027-01-04")])
        #expect(n.members[0].off.first == DayOff(first: date("2026-12-05"), last: date("2026-12-05")))
    }

    @Test("Samples/rural.yaml loads: 20 facilities, 36 members, 4 pools")
    func ruralSample() throws {
        let n = try NetworkLoader.load(path: samplePath("rural.yaml"))
        #expect(n.facilities.count == 20)
        #expect(n.members.count == 36)
        #expect(n.members.filter { $0.role == .physician }.count == 16)
        #expect(n.members.filter { $0.role == .nurse }.count == 9)
        #expect(n.members.filter { $0.role == .pharmacist }.count == 11)
        #expect(n.pools.map(\.id) == ["physicians", "nurses", "pharmacies", "hospital"])
        #expect(n.rules == Rules(maxDuties: 10, maxDutiesPerDay: 1, minRestDays: 1, maxHolidayDuties: 6, backupWeight: 0.5, backupOtherFacility: true))
        #expect(n.calendar.extraHolidays.contains(date("2026-08-13")))
        #expect(n.history["kato-saori"] == 3.0)
    }

    @Test("Samples/city.yaml loads")
    func citySample() throws {
        let n = try NetworkLoader.load(path: samplePath("city.yaml"))
        #expect(!n.members.isEmpty)
        #expect(!n.pools.isEmpty)
        #expect(n.memberIndex.count == n.members.count, "member ids are unique")
    }
}

func samplePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples").appendingPathComponent(name).path
}

// MARK: - Bad input

/// A valid network in block style; the comments give each line's number. Each bad case
/// replaces one whole line, so the numbers hold for every case.
private let baseYAML = """
    name: 試験網
    timezone: Asia/Tokyo
    calendar:
      holidays: jp
      extra_holidays: [2026-08-13]
    shifts:
      - id: night
        start: "18:00"
        end: "09:00"
        on: [weekday, saturday, sunday, holiday]
    facilities:
      - id: kitayama
        kind: clinic
        team: t1
      - id: minami
        kind: clinic
        team: t1
    members:
      - id: yamada
        facility: kitayama
        role: physician
        fte: 1
        off: ["2026-12-05"]
      - id: suzuki
        facility: minami
        role: physician
        max_duties: 6
    pools:
      - id: docs
        role: physician
        shifts: [night]
        primary: 1
        backup: 1
    history:
      yamada: 1.5

    """
// Line numbers:  1 name, 3 calendar, 8 start, 9 end, 12 kitayama, 19 yamada, 20 facility,
// 22 fte, 23 off, 24 suzuki, 27 max_duties, 31 pool shifts, 34 history, 35 yamada's history.

/// The base with line `number` (1-based) replaced by `text`.
private func baseReplacing(line number: Int, with text: String) -> String {
    var lines = baseYAML.components(separatedBy: "\n")
    lines[number - 1] = text
    return lines.joined(separator: "\n")
}

struct BadLine: Sendable, CustomTestStringConvertible {
    var label: String
    var line: Int
    var replacement: String
    /// The issue's expected field path.
    var field: String
    /// Text the message must contain.
    var message: String
    /// Text the hint must contain.
    var hint: String
    var testDescription: String { label }
}

@Suite("NetworkLoader: bad input")
struct NetworkLoaderBadInputTests {
    @Test("the base of the bad cases is itself valid")
    func baseIsValid() throws {
        let n = try loadNetwork(baseYAML)
        #expect(n.members.map(\.id) == ["yamada", "suzuki"])
        #expect(n.history == ["yamada": 1.5])
    }

    @Test(
        "one bad line gives one issue naming the file, the line, the field and a hint",
        arguments: [
            BadLine(
                label: "unknown top-level key", line: 3, replacement: "calender:", field: "calender",
                message: "unknown field", hint: "did you mean \"calendar\"?"),
            BadLine(
                label: "typo in a member field", line: 27, replacement: "    max_duty: 6", field: "members[1].max_duty",
                message: "unknown field", hint: "did you mean \"max_duties\"?"),
            BadLine(
                label: "member with an unknown facility", line: 20, replacement: "    facility: kitayma",
                field: "members[0].facility", message: "kitayma", hint: "did you mean \"kitayama\"?"),
            BadLine(
                label: "pool with an unknown shift", line: 31, replacement: "    shifts: [nigth]", field: "pools[0].shifts",
                message: "nigth", hint: "did you mean \"night\"?"),
            BadLine(
                label: "bad day off", line: 23, replacement: #"    off: ["2026-13-01"]"#, field: "members[0].off",
                message: "2026-13-01: there is no month 13", hint: "2026-12-05"),
            BadLine(
                label: "a day the month does not have", line: 23, replacement: #"    off: ["2026-02-30"]"#, field: "members[0].off",
                message: "2026-02-30: 2026-02 has 28 days", hint: "2026-12-05"),
            BadLine(
                label: "a range written backwards", line: 23, replacement: #"    off: ["2026-03-10..2026-03-05"]"#, field: "members[0].off",
                message: "the range ends before it starts: write 2026-03-05..2026-03-10", hint: "2026-12-05"),
            BadLine(
                label: "day off with an unknown shift", line: 23, replacement: #"    off: ["2026-12-31/nite"]"#,
                field: "members[0].off", message: "nite", hint: "did you mean \"night\"?"),
            BadLine(
                label: "fte out of range", line: 22, replacement: "    fte: 1.5", field: "members[0].fte",
                message: "out of range", hint: "1.0"),
            BadLine(
                label: "duplicate member id", line: 24, replacement: "  - id: yamada", field: "members[1].id",
                message: "first at line 19", hint: "own id"),
            BadLine(
                label: "history for an unknown member", line: 35, replacement: "  yamda: 1.5", field: "history.yamda",
                message: "yamda", hint: "did you mean \"yamada\"?"),
        ])
    func badLine(_ bad: BadLine) throws {
        let (path, error) = try loadFailure(baseReplacing(line: bad.line, with: bad.replacement))
        #expect(error.issues.count == 1, "\(error)")
        let issue = try #require(error.issues.first)
        #expect(issue.file == path)
        #expect(issue.line == bad.line)
        #expect(issue.field == bad.field)
        #expect(issue.message.contains(bad.message), "\(issue.message)")
        #expect(issue.hint?.contains(bad.hint) == true, "\(issue.hint ?? "no hint")")
        #expect(error.description.hasPrefix("\(path):\(bad.line):"), "\(error.description)")
    }

    @Test("a time of day 25:00 is reported on its line")
    func badTime() throws {
        let (path, error) = try loadFailure(baseReplacing(line: 8, with: #"    start: "25:00""#))
        let issue = try #require(error.issues.first)
        #expect(issue.file == path)
        #expect(issue.line == 8)
        #expect(issue.field == "shifts[0].start")
        #expect(issue.message.contains("25:00"))
        #expect(issue.hint?.contains("HH:MM") == true)
    }

    @Test(
        "a time of day 25:00 is the only issue")
    func badTimeAlone() throws {
        let (_, error) = try loadFailure(baseReplacing(line: 8, with: #"    start: "25:00""#))
        #expect(error.issues.count == 1, "\(error)")
    }

    @Test("a YAML syntax error (bad indentation) gives its line and a hint")
    func syntaxError() throws {
        // Line 9, `end:`, is indented one space more than `start:` above it.
        let (path, error) = try loadFailure(baseReplacing(line: 9, with: #"     end: "09:00""#))
        #expect(error.issues.count == 1)
        let issue = try #require(error.issues.first)
        #expect(issue.file == path)
        #expect(issue.line == 9, "\(issue)")
        #expect(issue.message.contains("YAML syntax error"))
        #expect(issue.hint?.isEmpty == false)
    }

    @Test("a less-indented key is a syntax error on its line")
    func lessIndented() throws {
        // Line 26, `role:`, is indented one space less than `facility:` above it.
        let (_, error) = try loadFailure(baseReplacing(line: 26, with: "   role: physician"))
        let issue = try #require(error.issues.first)
        #expect(issue.line == 26, "\(issue)")
        #expect(issue.message.contains("YAML syntax error"))
    }

    @Test("an empty file is reported as empty")
    func emptyFile() throws {
        let (path, error) = try loadFailure("")
        #expect(error.issues.count == 1)
        let issue = try #require(error.issues.first)
        #expect(issue.file == path)
        #expect(issue.message.contains("empty"))
        #expect(issue.hint != nil)
    }

    @Test("a missing file is reported with its path")
    func missingFile() throws {
        let path = missingPath()
        let error = try #require(throws: InputError.self) { try NetworkLoader.load(path: path) }
        #expect(error.issues.count == 1)
        #expect(error.issues.first?.file == path)
        #expect(error.issues.first?.message.contains("no such file") == true)
        #expect(error.issues.first?.hint != nil)
        #expect(error.description.hasPrefix(path))
    }

    @Test("several problems are all reported at once, each with its own line")
    func severalProblems() throws {
        var lines = baseYAML.components(separatedBy: "\n")
        lines[3 - 1] = "calender:"
        lines[20 - 1] = "    facility: kitayma"
        lines[22 - 1] = "    fte: 1.5"
        lines[31 - 1] = "    shifts: [nigth]"
        let (path, error) = try loadFailure(lines.joined(separator: "\n"))
        #expect(error.issues.count == 4, "\(error)")
        #expect(Set(error.issues.compactMap(\.line)) == [3, 20, 22, 31])
        #expect(Set(error.issues.compactMap(\.field)) == ["calender", "members[0].facility", "members[0].fte", "pools[0].shifts"])
        #expect(error.issues.allSatisfy { $0.file == path })
        #expect(error.issues.allSatisfy { $0.hint != nil })
        for line in [3, 20, 22, 31] {
            #expect(error.description.contains("\(path):\(line):"))
        }
    }

    @Test("a missing required field names the object it belongs to")
    func missingField() throws {
        // Line 26 `role: physician` of suzuki becomes a comment: the member has no role.
        let (_, error) = try loadFailure(baseReplacing(line: 26, with: "    # no role"))
        let issue = try #require(error.issues.first)
        #expect(error.issues.count == 1, "\(error)")
        #expect(issue.field == "members[1].role")
        #expect(issue.message.contains("missing"))
        #expect(issue.line == 24, "reported at the member, which starts on line 24")
    }
}
