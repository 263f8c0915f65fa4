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
            try writer.write(row: [
                a.date.description, a.shift, a.pool, a.tier.rawValue, a.member, member?.name ?? "", facility?.id ?? "",
                facility?.name ?? "", shift?.start.description ?? "", shift?.end.description ?? "",
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
    /// a date outside the month is reported with its line.
    public static func parse(_ text: String, file: String, network: Network, month: YearMonth) throws(InputError) -> Document {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw InputError(InputIssue(file: file, line: 1, message: "cannot be read as CSV: \(error)"))
        }
        let header = (reader.headerRow ?? []).map { $0.lowercased() }
        var columns: [String: Int] = [:]
        for name in self.header.prefix(5) {
            guard let index = header.firstIndex(of: name) else {
                throw InputError(InputIssue(
                    file: file, line: 1, field: name, message: "the header has no \"\(name)\" column",
                    hint: "the first line must name the columns date,shift,pool,tier,member"))
            }
            columns[name] = index
        }
        var issues: [InputIssue] = []
        var assignments: [Assignment] = []
        var lines: [Int] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy({ $0.isEmpty }) { continue }
            func field(_ name: String) -> String { let i = columns[name]!; return i < row.count ? row[i] : "" }
            func issue(_ name: String, _ message: String, _ hint: String? = nil) {
                issues.append(InputIssue(file: file, line: line, field: name, message: message, hint: hint))
            }
            let dateText = field("date"), shift = field("shift"), pool = field("pool"), tierText = field("tier"), member = field("member")
            let date = CivilDate(dateText)
            if date == nil { issue("date", "\"\(dateText)\" is not a date", "write YYYY-MM-DD") }
            if let date, !month.contains(date) { issue("date", "\(date) is outside \(month)", "keep only the dates of \(month) in this roster, or give --month \(date.yearMonth)") }
            if network.shiftIndex[shift] == nil { issue("shift", "unknown shift \"\(shift)\"", suggestionHint(shift, network.shiftIndex.keys)) }
            if network.poolIndex[pool] == nil { issue("pool", "unknown pool \"\(pool)\"", suggestionHint(pool, network.poolIndex.keys)) }
            let tier = Tier(rawValue: tierText.lowercased())
            if tier == nil { issue("tier", "unknown tier \"\(tierText)\"", "write primary or backup") }
            if network.memberIndex[member] == nil { issue("member", "unknown member \"\(member)\"", suggestionHint(member, network.memberIndex.keys)) }
            if let date, let tier, month.contains(date) {
                assignments.append(Assignment(date: date, shift: shift, pool: pool, tier: tier, member: member))
                lines.append(line)
            }
        }
        if !issues.isEmpty { throw InputError(issues) }
        return Document(roster: Roster(month: month, assignments: assignments), lines: lines)
    }

    private static func suggestionHint(_ id: String, _ known: some Collection<String>) -> String {
        suggestion(for: id, among: known) ?? "use an id from the network file"
    }
}
