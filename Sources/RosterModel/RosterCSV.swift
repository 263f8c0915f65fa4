// SPDX-License-Identifier: GPL-3.0-or-later
import CSV
import Foundation
import OncallCalendar

/// The roster file: `date,shift,pool,tier,member` first, then names and times for people.
public enum RosterCSV {
    public static let header = [
        "date", "shift", "pool", "tier", "member", "member_name", "facility", "facility_name", "start", "end",
    ]

    /// The CSV text of a roster, sorted for reading.
    public static func render(_ roster: Roster, network: Network) throws -> String {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        for a in roster.sorted(in: network).assignments {
            let member = network.memberIndex[a.member].map { network.members[$0] }
            let facility = member.map { network.facility(of: $0) }
            let shift = network.shiftIndex[a.shift].map { network.shifts[$0] }
            // The names are for people and may be opened in a spreadsheet: never a formula. The ids are read
            // back (`parse`) and stay as the network file gives them.
            try writer.write(row: [
                a.date.description, a.shift, a.pool, a.tier.rawValue, a.member, SpreadsheetCell.inert(member?.name ?? ""),
                facility?.id ?? "", SpreadsheetCell.inert(facility?.name ?? ""), shift?.start.description ?? "",
                shift?.end.description ?? "",
            ])
        }
        stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return (String(data: data, encoding: .utf8) ?? "") + "\n"
    }

    /// A roster read from a file, with the line each assignment came from.
    public struct Document: Sendable {
        public var roster: Roster
        /// `lines[i]` is the 1-based line of `roster.assignments[i]`.
        public var lines: [Int]
    }

    public static func load(path: String, network: Network, month: YearMonth) throws(InputError) -> Document {
        let text = try UserTextFile.read(path, whatItIs: "give the path of a roster CSV", saveAs: "CSV UTF-8")
        return try parse(text, file: path, network: network, month: month)
    }

    /// Reads the first five columns (more may follow); every unknown member, pool, shift, tier or
    /// a date outside the month is reported with its line, the first ``RosterCSV/reportedIssues`` of
    /// them, then how many more rows have errors. A header that names the columns in another order
    /// than the rows follow is reported once, instead of every row.
    public static func parse(_ text: String, file: String, network: Network, month: YearMonth) throws(InputError) -> Document {
        // An empty file has no header row to read: say that, not the CSV reader's own word for it.
        if text.allSatisfy(\.isWhitespace) {
            throw InputError(InputIssue(
                file: file, line: 1, message: "the file is empty",
                hint: "a roster starts with the header date,shift,pool,tier,member, then a line per duty"))
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw InputError(InputIssue(file: file, line: 1, message: "cannot be read as CSV: \(error)"))
        }
        let header = (reader.headerRow ?? []).map { $0.lowercased() }
        var columns: [RosterColumn: Int] = [:]
        for column in RosterColumn.allCases {
            guard let index = header.firstIndex(of: column.rawValue) else {
                throw InputError(InputIssue(
                    file: file, line: 1, field: column.rawValue, message: "the header has no \"\(column.rawValue)\" column",
                    hint: "the first line must name the columns date,shift,pool,tier,member"))
            }
            columns[column] = index
        }
        // The first rows are read ahead, to see whether they follow the header at all.
        var rows: [(line: Int, fields: [String])] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy({ $0.isEmpty }) { continue }
            rows.append((line, row))
            if rows.count == RosterColumn.sampleRows { break }
        }
        if let misfit = RosterColumn.misplaced(columns, rows: rows.map(\.fields), network: network) {
            throw InputError(InputIssue(file: file, line: 1, message: misfit.message, hint: misfit.hint))
        }
        var issues = CappedIssues(file: file, limit: reportedIssues)
        var hints = Suggestions()
        var assignments: [Assignment] = []
        var lines: [Int] = []
        let needed = (columns.values.max() ?? 0) + 1
        func read(_ row: [String], line: Int) {
            // A row cut short is one problem, not an unknown tier and member.
            guard row.count >= needed else {
                issues.report(
                    line, RosterColumn.allCases.first { (columns[$0] ?? 0) >= row.count }?.rawValue ?? "row",
                    "the row has \(row.count) field\(row.count == 1 ? "" : "s"), the header \(needed) or more",
                    "give every duty its date, shift, pool, tier and member")
                issues.endRow()
                return
            }
            func field(_ column: RosterColumn) -> String { row[columns[column] ?? 0] }
            let dateText = field(.date), shift = field(.shift), pool = field(.pool), tierText = field(.tier), member = field(.member)
            let date = CivilDate(dateText)
            if date == nil { issues.report(line, "date", "\"\(dateText)\" is not a date", "write YYYY-MM-DD") }
            if let date, !month.contains(date) {
                issues.report(
                    line, "date", "\(date) is outside \(month)", "keep only the dates of \(month) in this roster, or give --month \(date.yearMonth)")
            }
            if network.shiftIndex[shift] == nil {
                issues.report(line, "shift", "unknown shift \"\(shift)\"", hints.hint(shift, in: "shift", among: network.shiftIndex.keys))
            }
            if network.poolIndex[pool] == nil {
                issues.report(line, "pool", "unknown pool \"\(pool)\"", hints.hint(pool, in: "pool", among: network.poolIndex.keys))
            }
            let tier = Tier(rawValue: tierText.lowercased())
            if tier == nil { issues.report(line, "tier", "unknown tier \"\(tierText)\"", "write primary or backup") }
            if network.memberIndex[member] == nil {
                issues.report(line, "member", "unknown member \"\(member)\"", hints.hint(member, in: "member", among: network.memberIndex.keys))
            }
            issues.endRow()
            if let date, let tier, month.contains(date) {
                assignments.append(Assignment(date: date, shift: shift, pool: pool, tier: tier, member: member))
                lines.append(line)
            }
        }
        for row in rows { read(row.fields, line: row.line) }
        while let row = reader.next() {
            line += 1
            if row.allSatisfy({ $0.isEmpty }) { continue }
            read(row, line: line)
        }
        if let error = issues.error { throw error }
        return Document(roster: Roster(month: month, assignments: assignments), lines: lines)
    }

    /// How many problems a roster's error lists, before "… and N more rows with errors": a
    /// file with thousands of bad rows is one mistake repeated, and listing them all took seconds.
    public static let reportedIssues = 20
}
