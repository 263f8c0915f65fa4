// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar

/// The member list as associations keep it in Excel, saved as CSV: one member per row, headers
/// in Japanese or English, days off in one cell separated by `;`.
///
/// Every problem is reported with its row (the file's line) and column, all at once, so a
/// secretary can fix the sheet in one pass.
public enum MemberSheet {
    /// A column the importer understands.
    public enum Field: String, Sendable, CaseIterable {
        case id, name, facility, role, skills, fte
        case maxDuties = "max_duties"
        case off
        case preferOff = "prefer_off"
        case email, sms, webhook

        /// Header spellings seen in associations' sheets, normalised (lowercase, no spaces).
        var spellings: [String] {
            switch self {
            case .id: return ["id", "会員id", "会員番号", "職員id", "職員番号", "番号"]
            case .name: return ["name", "氏名", "名前", "会員名", "職員名"]
            case .facility: return ["facility", "施設", "施設id", "事業所", "所属"]
            case .role: return ["role", "職種"]
            case .skills: return ["skills", "資格", "スキル"]
            case .fte: return ["fte", "常勤換算"]
            case .maxDuties: return ["max_duties", "maxduties", "上限", "最大当番数", "当番上限"]
            case .off: return ["off", "休み", "休日希望", "不可日"]
            case .preferOff: return ["prefer_off", "preferoff", "希望休"]
            case .email: return ["email", "e-mail", "メール", "メールアドレス"]
            case .sms: return ["sms", "携帯", "携帯電話"]
            case .webhook: return ["webhook"]
            }
        }

        /// The field a header cell names: "会員ID", "常勤換算（FTE）" and "FTE" all count.
        public static func matching(header: String) -> Field? {
            let normal = normalise(header)
            if let field = allCases.first(where: { $0.spellings.contains(normal) }) { return field }
            // "常勤換算(FTE)": try the words outside and inside the brackets.
            let parts = normal.split(whereSeparator: { "()（）".contains($0) }).map(String.init)
            for part in parts { if let field = allCases.first(where: { $0.spellings.contains(part) }) { return field } }
            return nil
        }

        /// NFKC first: Excel sheets typed with a Japanese input method often have full-width
        /// letters and brackets (ＩＤ, （ＦＴＥ）).
        static func normalise(_ header: String) -> String {
            String(header.precomposedStringWithCompatibilityMapping.lowercased().filter { !$0.isWhitespace && $0 != "*" })
        }
    }

    /// The members of a sheet, and the columns it had that the importer does not read.
    public struct Result: Sendable {
        public var members: [Member]
        /// 1-based line of each member's row.
        public var lines: [Int]
        public var encoding: SpreadsheetText.Encoding
        public var ignoredColumns: [String]
        /// 1-based column of each field the sheet has, by field name (`off`, `facility`…).
        public var columns: [String: Int]

        /// A member of the sheet replacing one already in a network: what the sheet has no column
        /// for (contacts, say, in a sheet of days off) is kept from the existing member, not erased.
        public func replacing(_ existing: Member, with member: Member) -> Member {
            var merged = member
            func has(_ field: Field) -> Bool { columns[field.rawValue] != nil }
            if !has(.name) { merged.name = existing.name }
            if !has(.skills) { merged.skills = existing.skills }
            if !has(.fte) { merged.fte = existing.fte }
            if !has(.maxDuties) { merged.maxDuties = existing.maxDuties }
            if !has(.off) { merged.off = existing.off }
            if !has(.preferOff) { merged.preferOff = existing.preferOff }
            if !has(.email) { merged.contact.email = existing.contact.email }
            if !has(.sms) { merged.contact.sms = existing.contact.sms }
            if !has(.webhook) { merged.contact.webhook = existing.contact.webhook }
            return merged
        }

        /// Where in the sheet a problem found later (when the network file is loaded) came from:
        /// `members[i].off[1]` of a network whose members are `ids` → the row of that member and
        /// the column of `off`. Nil when the member was not in the sheet.
        public func location(ofField field: String, memberIDs ids: [String]) -> (line: Int, column: Int?, field: String)? {
            guard field.hasPrefix("members["), let close = field.firstIndex(of: "]"),
                let i = Int(field[field.index(field.startIndex, offsetBy: 8)..<close]), ids.indices.contains(i),
                let row = members.firstIndex(where: { $0.id == ids[i] })
            else { return nil }
            let rest = field[field.index(after: close)...].drop { $0 == "." }
            let key = String(rest.prefix { $0 != "." && $0 != "[" })
            return (lines[row], columns[key], key)
        }
    }

    /// Reads a sheet from a file in any encoding `SpreadsheetText` knows; see `parse` for `facilities`.
    public static func load(path: String, facilities: [String: String]? = nil) throws(InputError) -> Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(InputIssue(file: path, message: "no such file", hint: "give the path of the member list saved as CSV"))
        }
        guard let (text, encoding) = SpreadsheetText.decode(data) else {
            throw InputError(InputIssue(
                file: path, message: "is neither UTF-8 nor Shift_JIS text",
                hint: "in Excel, save as \"CSV UTF-8 (comma delimited)\""))
        }
        var result = try parse(text, file: path, facilities: facilities)
        result.encoding = encoding
        return result
    }

    /// `facilities` maps what the sheet may write in the facility column (ids or names) to ids;
    /// nil keeps the cell as the id.
    public static func parse(_ text: String, file: String, facilities: [String: String]? = nil) throws(InputError) -> Result {
        var table = try SheetTable<Field>(
            text, file: file, match: Field.matching(header:), required: [.id, .facility, .role],
            missingHint: { field, header in
                "name a column \(field.spellings.prefix(2).joined(separator: " or ")); headers read: \(header.joined(separator: ", "))"
            })
        var issues: [InputIssue] = []
        var members: [Member] = []
        var lines: [Int] = []
        var firstLine: [String: Int] = [:]
        while let row = table.next() {
            let rowLine = row.line
            func cell(_ field: Field) -> String? { row.cell(field) }
            func issue(_ field: Field, _ message: String, _ hint: String? = nil) { issues.append(row.issue(field, message, hint)) }
            guard let id = cell(.id) else {
                issue(.id, "no member id", "give every member an id, or delete the row")
                continue
            }
            if let first = firstLine[id] {
                issue(.id, "member id \"\(id)\" is also on line \(first)", "give each member their own id")
            }
            firstLine[id] = firstLine[id] ?? rowLine
            var facility = cell(.facility)
            if facility == nil { issue(.facility, "no facility", "write the facility's id or name") }
            if let given = facility, let facilities {
                if let known = facilities[given] {
                    facility = known
                } else {
                    issue(.facility, "unknown facility \"\(given)\"", suggestion(for: given, among: facilities.keys) ?? "use a facility id or name from the network file")
                }
            }
            var role: Role?
            if let text = cell(.role) {
                role = roleNames[Field.normalise(text)]
                if role == nil { issue(.role, "unknown role \"\(text)\"", "write 医師, 看護師 or 薬剤師 (physician, nurse or pharmacist)") }
            } else {
                issue(.role, "no role", "write 医師, 看護師 or 薬剤師 (physician, nurse or pharmacist)")
            }
            var fte = 1.0
            if let text = cell(.fte) {
                if let value = number(text), (0...1).contains(value) { fte = value } else {
                    issue(.fte, "\"\(text)\" is not a share between 0 and 1", "write 1 for full time, 0.5 for half, 0 for no duties (or 50%)")
                }
            }
            var maxDuties: Int?
            if let text = cell(.maxDuties) {
                if let value = Int(halfWidth(text)), (0...62).contains(value) { maxDuties = value } else {
                    issue(.maxDuties, "\"\(text)\" is not a number of duties between 0 and 62", "write a whole number, or leave the cell empty for no limit")
                }
            }
            func days(_ field: Field) -> [DayOff] {
                guard let text = cell(field) else { return [] }
                var result: [DayOff] = []
                for piece in text.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "\n" }) {
                    let written = String(piece).trimmingSpaces
                    if written.isEmpty { continue }
                    switch DayOff.parse(isoDates(written)) {
                    case .success(let day): result.append(day)
                    case .failure(let refusal):
                        issue(field, "\"\(written)\" is not a day off: \(refusal.reason)", "write 2026-12-05, 2026-12-24..2026-12-26 or 2026-12-31/night, several separated by ;")
                    }
                }
                return result
            }
            let off = days(.off), preferOff = days(.preferOff)
            let skills = Set((cell(.skills) ?? "").split(whereSeparator: { ";；,、・/ 　".contains($0) }).map { skill in
                skillNames[String(skill)] ?? String(skill)
            })
            let contact = Contact(webhook: cell(.webhook), email: cell(.email), sms: cell(.sms))
            guard let facility, let role else { continue }
            members.append(Member(
                id: id, name: cell(.name) ?? id, facility: facility, role: role, skills: skills, fte: fte, maxDuties: maxDuties,
                off: off, preferOff: preferOff, contact: contact))
            lines.append(rowLine)
        }
        if !issues.isEmpty { throw InputError(issues) }
        var columnNumbers: [String: Int] = [:]
        for (field, i) in table.columns { columnNumbers[field.rawValue] = i + 1 }
        return Result(members: members, lines: lines, encoding: .utf8, ignoredColumns: table.ignored, columns: columnNumbers)
    }

    static let roleNames: [String: Role] = [
        "physician": .physician, "doctor": .physician, "医師": .physician, "ドクター": .physician, "dr": .physician,
        "nurse": .nurse, "看護師": .nurse, "訪問看護師": .nurse, "ns": .nurse,
        "pharmacist": .pharmacist, "薬剤師": .pharmacist,
    ]

    /// Japanese skill names to the ids network files use; others are kept as written.
    static let skillNames: [String: String] = ["麻薬": "narcotics", "麻薬施用者": "narcotics", "麻薬管理": "narcotics"]

    /// Full-width digits (０-９, ．) as Excel in Japan sometimes keeps them.
    static func halfWidth(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            if (0xFF10...0xFF19).contains(scalar.value) || scalar.value == 0xFF0E || scalar.value == 0xFF05 {
                return Character(Unicode.Scalar(scalar.value - 0xFEE0)!)
            }
            return Character(scalar)
        })
    }

    /// 0.5, "50%" or "５０％".
    static func number(_ text: String) -> Double? {
        let t = halfWidth(text)
        if t.hasSuffix("%") { return Double(t.dropLast()).map { $0 / 100 } }
        return Double(t)
    }

    /// "2026/12/5" as Excel in Japan shows dates, into "2026-12-05"; other text unchanged.
    static func isoDates(_ text: String) -> String {
        let t = halfWidth(text)
        var out = ""
        var rest = Substring(t)
        while !rest.isEmpty {
            let parts = rest.prefix { "0123456789/".contains($0) }
            let pieces = parts.split(separator: "/", omittingEmptySubsequences: false)
            if pieces.count >= 3, pieces[0].count == 4, (1...2).contains(pieces[1].count), (1...2).contains(pieces[2].count),
                let y = Int(pieces[0]), let m = Int(pieces[1]), let d = Int(pieces[2])
            {
                let consumed = pieces[0].count + pieces[1].count + pieces[2].count + 2
                out += String(format: "%04d-%02d-%02d", y, m, d)
                rest = rest.dropFirst(consumed)
            } else if let first = rest.first {
                out.append(first)
                rest = rest.dropFirst()
            }
        }
        return out
    }
}
