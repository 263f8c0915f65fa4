// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import RosterModel
import Testing

@Suite("RosterCSV")
struct RosterCSVTests {
    @Test("render then parse gives the same duties, one per line after the header")
    func roundTrip() throws {
        let n = try tinyNetwork()
        // Shuffled, so the render has to sort.
        let roster = Roster(month: june2026, assignments: validTinyDuties.reversed())
        let text = try RosterCSV.render(roster, network: n)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        #expect(lines.count == 1 + 9)
        #expect(lines[0].hasPrefix("date,shift,pool,tier,member"))
        // Reading order: date, then the 09:00 shift before the 18:00 one, primary before backup.
        #expect(lines[1].hasPrefix("2026-06-10,day,docs,primary,a,"))
        #expect(lines[2].hasPrefix("2026-06-10,day,docs,backup,c,"))
        #expect(lines[3].hasPrefix("2026-06-10,night,nights,primary,b,"))
        #expect(lines[9].hasPrefix("2026-06-12,night,nights,primary,d,"))
        // The columns for people: a's facility, names and times.
        #expect(lines[1].contains("c1,一診療所,09:00,18:00"))
        #expect(lines[3].contains("18:00,09:00"))

        let document = try RosterCSV.parse(text, file: "roster.csv", network: n, month: june2026)
        #expect(document.roster.month == june2026)
        #expect(document.roster.assignments == validTinyDuties, "validTinyDuties is already in reading order")
        #expect(document.lines == Array(2...10))

        let file = try TempFile(text, ext: "csv")
        let loaded = try RosterCSV.load(path: file.path, network: n, month: june2026)
        #expect(loaded.roster == document.roster)
    }

    @Test("columns are found by header name, extra columns ignored, tier case-insensitive")
    func headerOrder() throws {
        let n = try tinyNetwork()
        let text = """
            note,member,tier,pool,shift,date
            hello,a,PRIMARY,docs,day,2026-06-10

            x,c,backup,docs,day,2026-06-10

            """
        let document = try RosterCSV.parse(text, file: "r.csv", network: n, month: june2026)
        #expect(document.roster.assignments == [
            duty("2026-06-10", "day", "docs", .primary, "a"), duty("2026-06-10", "day", "docs", .backup, "c"),
        ])
        #expect(document.lines == [2, 4], "a blank line still counts as a line")
    }

    @Test("each bad field is reported with its CSV line and field")
    func errors() throws {
        let n = try tinyNetwork()
        let text = """
            date,shift,pool,tier,member
            2026-06-10,day,docs,primary,a
            2026-06-10,day,docs,backup,zed
            2026-06-10,day,dogs,backup,c
            2026-06-10,dya,docs,backup,c
            2026-06-10,day,docs,chief,c
            2026-07-01,night,nights,primary,b
            2026-06-31,night,nights,primary,b
            2026-06-11,night,nights,primary,e

            """
        let error = try #require(throws: InputError.self) {
            try RosterCSV.parse(text, file: "bad.csv", network: n, month: june2026)
        }
        let found = error.issues.map { "\($0.line ?? 0) \($0.field ?? "")" }
        #expect(found == ["3 member", "4 pool", "5 shift", "6 tier", "7 date", "8 date"])
        #expect(error.issues.allSatisfy { $0.file == "bad.csv" })
        #expect(error.issues[0].message.contains("zed"))
        #expect(error.issues[1].hint?.contains("docs") == true, "dogs is one letter from docs")
        #expect(error.issues[2].hint?.contains("day") == true)
        #expect(error.issues[4].message.contains("2026-07-01"))
        #expect(error.description.contains("bad.csv:7:"))
    }

    @Test("a header without the tier column is an error on line 1")
    func missingColumn() throws {
        let n = try tinyNetwork()
        let text = """
            date,shift,pool,member
            2026-06-10,day,docs,a

            """
        let error = try #require(throws: InputError.self) {
            try RosterCSV.parse(text, file: "r.csv", network: n, month: june2026)
        }
        #expect(error.issues.count == 1)
        #expect(error.issues.first?.line == 1)
        #expect(error.issues.first?.field == "tier")
        #expect(error.issues.first?.hint != nil)
    }

    @Test("a missing roster file is an error naming it")
    func missingFile() throws {
        let n = try tinyNetwork()
        let path = missingPath(ext: "csv")
        let error = try #require(throws: InputError.self) {
            try RosterCSV.load(path: path, network: n, month: june2026)
        }
        #expect(error.issues.first?.file == path)
    }
}
