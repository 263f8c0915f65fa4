// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import Yams

/// Reads a network file (YAML, or JSON, which YAML reads too) into a validated `Network`.
///
/// Every problem found is reported at once, each with its line and field, so a user can fix a
/// file in one pass instead of one error per run.
public enum NetworkLoader {
    public static func load(path: String) throws(InputError) -> Network {
        let text = try UserTextFile.read(path, whatItIs: "give the path of a network file, e.g. Samples/rural.yaml", saveAs: "UTF-8")
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> Network {
        let top = try YAMLDocument.top(text, file: file, emptyHint: "see the network file reference in README.md")
        let network = NetworkReader(top: top, issues: top.issues).read()
        if let network, top.issues.issues.isEmpty { return network }
        throw InputError(top.issues.issues)
    }
}

/// One pass over the document: typed values first, then cross-references.
private struct NetworkReader {
    let top: YAMLFields
    let issues: YAMLIssueCollector

    func read() -> Network? {
        top.rejectUnknownKeys([
            "name", "timezone", "calendar", "shifts", "districts", "facilities", "members", "pools", "rules", "history",
            "objective",
        ])
        let name = top.string("name", required: true) ?? ""
        let timezone = top.string("timezone") ?? "Asia/Tokyo"
        if TimeZone(identifier: timezone) == nil {
            top.report("timezone", "unknown time zone \"\(timezone)\"", hint: "use an IANA name such as Asia/Tokyo")
        }
        let calendar = readCalendar()
        let shifts = readShifts()
        let districts = readDistricts()
        let facilities = readFacilities(districts: districts)
        let rules = readRules()
        let members = readMembers(facilities: facilities, shifts: shifts)
        let pools = readPools(shifts: shifts, districts: districts, facilities: facilities)
        let history = readHistory(members: members)
        let objective = readObjective()
        checkUnique(shifts.map { ($0.value.id, $0.node) }, what: "shift")
        checkUnique(districts.map { ($0.value.id, $0.node) }, what: "district")
        checkUnique(facilities.map { ($0.value.id, $0.node) }, what: "facility")
        checkUnique(members.map { ($0.value.id, $0.node) }, what: "member")
        checkUnique(pools.map { ($0.value.id, $0.node) }, what: "pool")
        guard issues.issues.isEmpty else { return nil }
        return Network(
            name: name, timezone: timezone, calendar: calendar, shifts: shifts.map(\.value),
            districts: districts.map(\.value), facilities: facilities.map(\.value), members: members.map(\.value),
            pools: pools.map(\.value), rules: rules, history: history, objective: objective)
    }

    /// Every id written under a top-level list, valid entry or not: cross-references are checked
    /// against these, so one broken shift does not also make every pool that names it "unknown".
    func declaredIDs(_ key: String) -> Set<String> {
        Set((top[key]?.sequence ?? []).compactMap { $0.mapping?.first { $0.key.scalar?.string == "id" }?.value.scalar?.string })
    }

    /// A value with the node it was read from, for cross-reference errors.
    struct Read<T> {
        var value: T
        var node: YAMLFields
    }

    func checkUnique(_ ids: [(String, YAMLFields)], what: String) {
        var seen: [String: YAMLFields] = [:]
        for (id, node) in ids {
            if let first = seen[id] {
                node.report("id", "\(what) id \"\(id)\" is used twice (first at line \(first.node.mark?.line ?? 0))", hint: "give each \(what) its own id")
            } else {
                seen[id] = node
            }
        }
    }

    func readCalendar() -> CalendarSettings {
        var settings = CalendarSettings()
        guard let fields = top.fields("calendar") else { return settings }
        fields.rejectUnknownKeys(["holidays", "year_end", "extra_holidays"])
        if let holidays = fields.string("holidays") {
            switch holidays {
            case "jp": settings.nationalHolidays = true
            case "none": settings.nationalHolidays = false
            default: fields.report("holidays", "unknown holiday calendar \"\(holidays)\"", hint: "use jp or none")
            }
        }
        settings.yearEnd = fields.bool("year_end") ?? true
        for (text, node) in fields.strings("extra_holidays") ?? [] {
            if let date = CivilDate(text) {
                settings.extraHolidays.insert(date)
            } else {
                issues.report(node, fields.childPath("extra_holidays"), "\"\(text)\" is not a date", hint: "write YYYY-MM-DD")
            }
        }
        return settings
    }

    func readShifts() -> [Read<Shift>] {
        let list = top.list("shifts", required: true)
        if top["shifts"] != nil && list.isEmpty && top["shifts"]?.sequence?.isEmpty == true {
            top.report("shifts", "no shifts defined", hint: "add at least one shift, e.g. {id: night, start: \"18:00\", end: \"09:00\", on: [weekday, saturday, sunday, holiday]}")
        }
        return list.compactMap { f in
            f.rejectUnknownKeys(["id", "name", "start", "end", "on", "weight"])
            let id = f.string("id", required: true)
            let start = time(f, "start")
            let end = time(f, "end")
            if let start, let end, start == end {
                f.report("end", "a shift cannot start and end at the same time", hint: "for a 24-hour shift use start \"09:00\", end \"09:00\" on the next day is not supported; split it in two shifts")
            }
            var on = Set<DayType>()
            for (text, node) in f.strings("on") ?? [] {
                if let type = DayType(rawValue: text) { on.insert(type) } else {
                    issues.report(node, f.childPath("on"), "unknown day type \"\(text)\"", hint: "use weekday, saturday, sunday or holiday")
                }
            }
            if f["on"] == nil { f.report("on", "missing", hint: "say on which day types the shift runs, e.g. on: [weekday, saturday, sunday, holiday]") }
            let weight = f.double("weight", range: 0...1000) ?? 1
            guard let id, let start, let end else { return nil }
            return Read(value: Shift(id: id, name: f.string("name") ?? id, start: start, end: end, on: on, weight: weight), node: f)
        }
    }

    func time(_ f: YAMLFields, _ key: String) -> TimeOfDay? {
        guard let text = f.string(key, required: true) else { return nil }
        guard let time = TimeOfDay(text), time.minutes < 24 * 60 else {
            f.report(key, "\"\(text)\" is not a time of day", hint: "write HH:MM in quotes, e.g. \"18:00\"")
            return nil
        }
        return time
    }

    func readDistricts() -> [Read<District>] {
        top.list("districts").compactMap { f in
            f.rejectUnknownKeys(["id", "name"])
            guard let id = f.string("id", required: true) else { return nil }
            return Read(value: District(id: id, name: f.string("name") ?? id), node: f)
        }
    }

    func readFacilities(districts: [Read<District>]) -> [Read<Facility>] {
        let districtIDs = declaredIDs("districts")
        return top.list("facilities", required: true).compactMap { f in
            f.rejectUnknownKeys(["id", "name", "kind", "district", "team", "contact"])
            let id = f.string("id", required: true)
            let kindText = f.string("kind", required: true)
            let kind = kindText.flatMap(FacilityKind.init(rawValue:))
            if let kindText, kind == nil {
                f.report("kind", "unknown facility kind \"\(kindText)\"", hint: "use clinic, nurse_station, pharmacy or hospital")
            }
            let district = f.string("district")
            if let district, !districtIDs.contains(district) {
                f.report("district", "unknown district \"\(district)\"", hint: suggestion(for: district, among: districtIDs) ?? "add it under districts:")
            }
            guard let id, let kind else { return nil }
            return Read(
                value: Facility(id: id, name: f.string("name") ?? id, kind: kind, district: district, team: f.string("team"), contact: f.contact("contact")),
                node: f)
        }
    }

    func readMembers(facilities: [Read<Facility>], shifts: [Read<Shift>]) -> [Read<Member>] {
        let facilityIDs = declaredIDs("facilities")
        let shiftIDs = declaredIDs("shifts")
        return top.list("members", required: true).compactMap { f in
            f.rejectUnknownKeys(["id", "name", "facility", "role", "skills", "fte", "max_duties", "off", "prefer_off", "contact"])
            let id = f.string("id", required: true)
            let facility = f.string("facility", required: true)
            if let facility, !facilityIDs.contains(facility) {
                f.report("facility", "unknown facility \"\(facility)\"", hint: suggestion(for: facility, among: facilityIDs) ?? "add it under facilities:")
            }
            let roleText = f.string("role", required: true)
            let role = roleText.flatMap(Role.init(rawValue:))
            if let roleText, role == nil {
                f.report("role", "unknown role \"\(roleText)\"", hint: "use physician, nurse or pharmacist")
            }
            let fte = f.double("fte", range: 0...1) ?? 1
            let maxDuties = f.int("max_duties", range: 0...62)
            let off = dayOffs(f, "off", shiftIDs: shiftIDs)
            let preferOff = dayOffs(f, "prefer_off", shiftIDs: shiftIDs)
            let contact = f.contact("contact") ?? Contact()
            guard let id, let facility, let role else { return nil }
            let skills = Set((f.strings("skills") ?? []).map(\.0))
            return Read(
                value: Member(
                    id: id, name: f.string("name") ?? id, facility: facility, role: role, skills: skills, fte: fte,
                    maxDuties: maxDuties, off: off, preferOff: preferOff, contact: contact),
                node: f)
        }
    }

    func dayOffs(_ f: YAMLFields, _ key: String, shiftIDs: Set<String>) -> [DayOff] {
        (f.strings(key) ?? []).compactMap { text, node in
            let off: DayOff
            switch DayOff.parse(text) {
            case .success(let parsed): off = parsed
            case .failure(let refusal):
                issues.report(
                    node, f.childPath(key), "\"\(text)\" is not a day off: \(refusal.reason)",
                    hint: "write 2026-12-05, 2026-12-24..2026-12-26 or 2026-12-31/night")
                return nil
            }
            if let shift = off.shift, !shiftIDs.contains(shift) {
                issues.report(node, f.childPath(key), "unknown shift \"\(shift)\" in \"\(text)\"", hint: suggestion(for: shift, among: shiftIDs) ?? "use a shift id from shifts:")
                return nil
            }
            return off
        }
    }

    func readPools(shifts: [Read<Shift>], districts: [Read<District>], facilities: [Read<Facility>]) -> [Read<Pool>] {
        let shiftIDs = declaredIDs("shifts")
        let districtIDs = declaredIDs("districts")
        let facilityIDs = declaredIDs("facilities")
        let teams = Set(facilities.compactMap(\.value.team))
        let list = top.list("pools", required: true)
        return list.compactMap { f in
            f.rejectUnknownKeys([
                "id", "name", "role", "district", "facilities", "team", "facility_kinds", "shifts", "primary", "backup",
                "require", "backup_same_team", "backup_other_facility",
            ])
            let id = f.string("id", required: true)
            let roleText = f.string("role", required: true)
            let role = roleText.flatMap(Role.init(rawValue:))
            if let roleText, role == nil { f.report("role", "unknown role \"\(roleText)\"", hint: "use physician, nurse or pharmacist") }
            var scopes: [PoolScope] = []
            if let district = f.string("district") {
                if !districtIDs.contains(district) {
                    f.report("district", "unknown district \"\(district)\"", hint: suggestion(for: district, among: districtIDs) ?? "add it under districts:")
                }
                scopes.append(.district(district))
            }
            if let list = f.strings("facilities") {
                for (facility, node) in list where !facilityIDs.contains(facility) {
                    issues.report(node, f.childPath("facilities"), "unknown facility \"\(facility)\"", hint: suggestion(for: facility, among: facilityIDs) ?? "add it under facilities:")
                }
                scopes.append(.facilities(Set(list.map(\.0))))
            }
            if let team = f.string("team") {
                if !teams.contains(team) {
                    f.report("team", "no facility is in team \"\(team)\"", hint: suggestion(for: team, among: teams) ?? "set team: on the facilities of the team")
                }
                scopes.append(.team(team))
            }
            if scopes.count > 1 { f.report(nil, "give one of district, facilities or team, not several") }
            var kinds: Set<FacilityKind>?
            if let list = f.strings("facility_kinds") {
                kinds = []
                for (text, node) in list {
                    if let kind = FacilityKind(rawValue: text) { kinds!.insert(kind) } else {
                        issues.report(node, f.childPath("facility_kinds"), "unknown facility kind \"\(text)\"", hint: "use clinic, nurse_station, pharmacy or hospital")
                    }
                }
            }
            var poolShifts: [String] = []
            for (shift, node) in f.strings("shifts") ?? [] {
                if shiftIDs.contains(shift) { poolShifts.append(shift) } else {
                    issues.report(node, f.childPath("shifts"), "unknown shift \"\(shift)\"", hint: suggestion(for: shift, among: shiftIDs) ?? "use a shift id from shifts:")
                }
            }
            if f["shifts"] == nil { f.report("shifts", "missing", hint: "list the shifts this pool covers, e.g. shifts: [night]") }
            let primary = f.int("primary", range: 0...20) ?? 1
            let backup = f.int("backup", range: 0...20) ?? 0
            if primary == 0 && backup > 0 { f.report("primary", "a pool with backups needs at least one primary") }
            var requirePrimary = Set<String>(), requireBackup = Set<String>()
            if let r = f.fields("require") {
                r.rejectUnknownKeys(["primary", "backup"])
                requirePrimary = Set((r.strings("primary") ?? []).map(\.0))
                requireBackup = Set((r.strings("backup") ?? []).map(\.0))
            }
            guard let id, let role else { return nil }
            return Read(
                value: Pool(
                    id: id, name: f.string("name") ?? id, role: role, scope: scopes.first ?? .region, facilityKinds: kinds,
                    shifts: poolShifts, primary: primary, backup: backup, requirePrimary: requirePrimary,
                    requireBackup: requireBackup, backupSameTeam: f.bool("backup_same_team") ?? false,
                    backupOtherFacility: f.bool("backup_other_facility")),
                node: f)
        }
    }

    func readRules() -> Rules {
        var rules = Rules()
        guard let f = top.fields("rules") else { return rules }
        f.rejectUnknownKeys([
            "max_duties", "max_duties_per_day", "min_rest_days", "max_holiday_duties", "backup_weight", "backup_other_facility",
        ])
        rules.maxDuties = f.int("max_duties", range: 0...62)
        rules.maxDutiesPerDay = f.int("max_duties_per_day", range: 1...10) ?? 1
        rules.minRestDays = f.int("min_rest_days", range: 0...14) ?? 0
        rules.maxHolidayDuties = f.int("max_holiday_duties", range: 0...62)
        rules.backupWeight = f.double("backup_weight", range: 0...10) ?? 0.5
        rules.backupOtherFacility = f.bool("backup_other_facility") ?? true
        return rules
    }

    func readHistory(members: [Read<Member>]) -> [String: Double] {
        guard let f = top.fields("history") else { return [:] }
        let ids = Set(members.map(\.value.id))
        var history: [String: Double] = [:]
        for (keyNode, _) in f.mapping {
            guard let id = keyNode.string else { continue }
            if !ids.contains(id) {
                issues.report(keyNode, f.childPath(id), "history for unknown member \"\(id)\"", hint: suggestion(for: id, among: ids) ?? "remove it or add the member")
                continue
            }
            if let load = f.double(id, range: 0...100_000) { history[id] = load }
        }
        return history
    }

    func readObjective() -> ObjectiveWeights {
        var weights = ObjectiveWeights()
        guard let f = top.fields("objective") else { return weights }
        f.rejectUnknownKeys(["fairness", "requests"])
        weights.fairness = f.double("fairness", range: 0...1_000_000) ?? weights.fairness
        weights.requests = f.double("requests", range: 0...1_000_000) ?? weights.requests
        return weights
    }
}
