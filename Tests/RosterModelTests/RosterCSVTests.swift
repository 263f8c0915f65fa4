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

    @Test("an empty file, a row cut short and a folder given as the file are each told as what they are")
    func plainReasons() throws {
        let n = try tinyNetwork()
        #expect(throws: InputError.self) { try RosterCSV.parse("", file: "empty.csv", network: n, month: june2026) }
        do {
            _ = try RosterCSV.parse(" \n", file: "empty.csv", network: n, month: june2026)
        } catch {
            #expect(error.description.contains("empty.csv:1: the file is empty"), "\(error)")
        }
        do {
            _ = try RosterCSV.parse("date,shift,pool,tier,member\n2026-06-10,day,docs\n", file: "short.csv", network: n, month: june2026)
            Issue.record("a short row was accepted")
        } catch {
            #expect(error.issues.count == 1, "\(error)")
            #expect(error.description.contains("short.csv:2: tier: the row has 3 fields, the header 5 or more"), "\(error)")
            #expect(!error.description.contains("unknown member"))
        }
        let folder = FileManager.default.temporaryDirectory.path
        do {
            _ = try RosterCSV.load(path: folder, network: n, month: june2026)
            Issue.record("a folder was read")
        } catch {
            #expect(error.description.contains("is a folder, not a file"), "\(error)")
        }
    }

    @Test("names that a spreadsheet would run as a formula are written as text; the ids read back unchanged")
    func namesAreNeverFormulas() throws {
        let yaml = tinyNetworkYAML.replacingOccurrences(of: "name: 一診療所", with: "name: \"=SUM(1+2)\"")
        let n = try loadNetwork(yaml)
        let text = try RosterCSV.render(Roster(month: june2026, assignments: validTinyDuties), network: n)
        #expect(text.contains(",c1,'=SUM(1+2),"), "\(text.prefix(300))")
        #expect(!text.contains(",=SUM"))
        #expect(try RosterCSV.parse(text, file: "roster.csv", network: n, month: june2026).roster.assignments == validTinyDuties)
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

    // MARK: - Issue 12: a large bad roster gives a bounded answer

    /// About 1.7 MB of rows for June: every date with each of the tiny network's duties, over and over.
    static func largeRows(_ row: (Int) -> String) -> [String] {
        var rows: [String] = []
        var bytes = 0
        var i = 0
        while bytes < 1_700_000 {
            let line = row(i)
            rows.append(line)
            bytes += line.utf8.count + 1
            i += 1
        }
        return rows
    }

    @Test("a 1.7 MB roster whose header names the columns in another order than its rows: one error, about the header")
    func shuffledHeaderIsOneError() throws {
        let n = try tinyNetwork()
        let rows = Self.largeRows { i in
            "2026-06-\(String(10 + i % 3)),day,docs,\(i % 2 == 0 ? "primary" : "backup"),\(["a", "b", "c"][i % 3]),医師,c1,一診療所,09:00,18:00"
        }
        let text = "member,tier,shift,date,pool,member_name,facility,facility_name,start,end\n" + rows.joined(separator: "\n") + "\n"
        #expect(text.utf8.count > 1_700_000)
        let error = try #require(throws: InputError.self) { try RosterCSV.parse(text, file: "big.csv", network: n, month: june2026) }
        #expect(error.issues.count == 1, "\(error.issues.prefix(3))")
        let issue = try #require(error.issues.first)
        #expect(issue.file == "big.csv" && issue.line == 1)
        #expect(issue.message.contains("header"), "\(issue)")
        #expect(issue.message.contains("column 4 \"date\", but the dates are in column 1"), "\(issue)")
        #expect(issue.message.contains("column 1 \"member\", but the member ids are in column 5"), "\(issue)")
    }

    @Test("40,000 rows with unknown member ids: the first 20 errors with line and field, then how many more rows")
    func manyBadRowsAreCapped() throws {
        let n = try tinyNetwork()
        let count = 40_000
        var lines = ["date,shift,pool,tier,member"]
        for i in 0..<count { lines.append("2026-06-\(String(10 + i % 3)),day,docs,primary,zz\(i)") }
        let error = try #require(throws: InputError.self) {
            try RosterCSV.parse(lines.joined(separator: "\n") + "\n", file: "bad.csv", network: n, month: june2026)
        }
        #expect(error.issues.count == RosterCSV.reportedIssues + 1)
        let kept = error.issues.prefix(RosterCSV.reportedIssues)
        #expect(kept.map(\.line) == Array(2...21).map(Optional.some))
        #expect(kept.allSatisfy { $0.file == "bad.csv" && $0.field == "member" })
        #expect(kept.first?.message == "unknown member \"zz0\"")
        let summary = try #require(error.issues.last)
        #expect(summary.file == "bad.csv")
        #expect(summary.message == "… and \(count - RosterCSV.reportedIssues) more rows with errors", "\(summary)")
    }

    @Test("a row whose problems straddle the cap counts among the rows not listed")
    func capCountsRowsNotProblems() throws {
        let n = try tinyNetwork()
        // Each row has two problems (pool and member): ten rows fill the 20, the rest are counted.
        var lines = ["date,shift,pool,tier,member"]
        for i in 0..<15 { lines.append("2026-06-10,day,dogs,primary,zz\(i)") }
        let error = try #require(throws: InputError.self) {
            try RosterCSV.parse(lines.joined(separator: "\n"), file: "r.csv", network: n, month: june2026)
        }
        #expect(error.issues.count == 21)
        #expect(error.issues[0].hint?.contains("docs") == true, "the hint is still given")
        #expect(error.issues.last?.message == "… and 5 more rows with errors")
    }
}
