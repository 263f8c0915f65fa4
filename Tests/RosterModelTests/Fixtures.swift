// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import RosterModel
import Testing

// MARK: - Temporary files

/// A fixture written to the temporary directory under a unique name.
struct TempFile: ~Copyable {
    let path: String

    init(_ contents: String, ext: String = "yaml") throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("oncall-model-test-\(UUID().uuidString)")
            .appendingPathExtension(ext)
        try Data(contents.utf8).write(to: url)
        self.path = url.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A path in the temporary directory that does not exist.
func missingPath(ext: String = "yaml") -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("oncall-missing-\(UUID().uuidString).\(ext)").path
}

/// Loads a network written to a temporary file.
func loadNetwork(_ text: String, ext: String = "yaml") throws -> Network {
    let file = try TempFile(text, ext: ext)
    return try NetworkLoader.load(path: file.path)
}

/// Loads a network that must fail; returns the file's path and the error.
func loadFailure(_ text: String, ext: String = "yaml") throws -> (path: String, error: InputError) {
    let file = try TempFile(text, ext: ext)
    let path = file.path
    let error = try #require(throws: InputError.self) { try NetworkLoader.load(path: path) }
    return (path, error)
}

func date(_ text: String) -> CivilDate {
    guard let date = CivilDate(text) else { preconditionFailure("bad test date \(text)") }
    return date
}

func yearMonth(_ text: String) -> YearMonth {
    guard let month = YearMonth(text) else { preconditionFailure("bad test month \(text)") }
    return month
}

// MARK: - The tiny network

/// A network small enough to roster by hand.
///
/// June 2026 has no national holiday and its 10th–12th (Wednesday–Friday) are extra holidays,
/// so the two shifts, which run on holidays only, exist on exactly those three dates.
/// `docs` needs a primary with `narcotics` and a backup on `day`; `nights` needs one primary on `night`.
/// Clinic physicians with fte > 0 are a, b, c, d, e; f has fte 0, h works at the hospital, n is a nurse.
let tinyNetworkYAML = """
    name: tiny
    timezone: Asia/Tokyo
    calendar:
      holidays: jp
      year_end: true
      extra_holidays: [2026-06-10, 2026-06-11, 2026-06-12]
    shifts:
      - {id: day, name: 日中, start: "09:00", end: "18:00", on: [holiday], weight: 2}
      - {id: night, name: 夜間, start: "18:00", end: "09:00", on: [holiday], weight: 1}
    districts:
      - {id: north, name: 北}
      - {id: south, name: 南}
    facilities:
      - {id: c1, name: 一診療所, kind: clinic, district: north, team: t1}
      - {id: c2, name: 二診療所, kind: clinic, district: north, team: t1}
      - {id: c3, name: 三診療所, kind: clinic, district: south, team: t2}
      - {id: ns, name: 看護ステーション, kind: nurse_station, district: north, team: t1}
      - {id: hosp, name: 病院, kind: hospital, district: south}
    members:
      - {id: a, facility: c1, role: physician, skills: [narcotics], prefer_off: ["2026-06-12"]}
      - {id: b, facility: c2, role: physician, skills: [narcotics], fte: 0.5}
      - {id: c, facility: c3, role: physician}
      - {id: d, facility: c1, role: physician, off: ["2026-06-11"]}
      - {id: e, facility: c2, role: physician, prefer_off: ["2026-06-11/day"]}
      - {id: f, facility: c3, role: physician, fte: 0}
      - {id: h, facility: hosp, role: physician}
      - {id: n, facility: ns, role: nurse}
    pools:
      - {id: docs, role: physician, facility_kinds: [clinic], shifts: [day], primary: 1, backup: 1, require: {primary: [narcotics]}}
      - {id: nights, role: physician, facility_kinds: [clinic], shifts: [night], primary: 1}
    history: {c: 3}
    objective: {fairness: 10, requests: 2}

    """

let june2026 = yearMonth("2026-06")

func tinyNetwork() throws -> Network { try loadNetwork(tinyNetworkYAML) }

func duty(_ day: String, _ shift: String, _ pool: String, _ tier: Tier, _ member: String) -> Assignment {
    Assignment(date: date(day), shift: shift, pool: pool, tier: tier, member: member)
}

/// A roster of the tiny network that holds every rule with the default rules, worked out by hand:
/// each date has a narcotics primary and a backup from another facility on `day`, and a
/// primary on `night`; nobody works twice a day; d is not used on the 11th.
let validTinyDuties: [Assignment] = [
    duty("2026-06-10", "day", "docs", .primary, "a"),
    duty("2026-06-10", "day", "docs", .backup, "c"),
    duty("2026-06-10", "night", "nights", .primary, "b"),
    duty("2026-06-11", "day", "docs", .primary, "b"),
    duty("2026-06-11", "day", "docs", .backup, "c"),
    duty("2026-06-11", "night", "nights", .primary, "e"),
    duty("2026-06-12", "day", "docs", .primary, "a"),
    duty("2026-06-12", "day", "docs", .backup, "e"),
    duty("2026-06-12", "night", "nights", .primary, "d"),
]

/// The duties with the one for `date`/`shift`/`pool`/`tier` given to `member` instead.
func replacing(
    _ duties: [Assignment], _ day: String, _ shift: String, _ pool: String, _ tier: Tier, with member: String
) -> [Assignment] {
    var found = false
    let result = duties.map { a -> Assignment in
        guard a.date == date(day), a.shift == shift, a.pool == pool, a.tier == tier else { return a }
        found = true
        var copy = a
        copy.member = member
        return copy
    }
    precondition(found, "no duty \(day) \(shift) \(pool) \(tier) to replace")
    return result
}
