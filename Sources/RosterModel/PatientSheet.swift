// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar

/// The register of patients needing 24-hour response, as a hub keeps it in Excel and saves as CSV:
/// `id,name,facility,attending,partner,hospital,consent` (Japanese headers too), UTF-8 with or without
/// BOM or Shift_JIS. Every problem is reported with its row and column, all at once; a sheet with any
/// problem gives no patients, so a register is never half replaced.
public enum PatientSheet {
    public enum Field: String, Sendable, CaseIterable {
        case id, name, facility, attending, partner, hospital, consent

        /// Header spellings seen in hubs' registers, normalised as `MemberSheet` does (NFKC, lowercase, no spaces).
        var spellings: [String] {
            switch self {
            case .id: return ["id", "患者id", "患者番号", "登録番号", "番号"]
            case .name: return ["name", "氏名", "患者名", "名前"]
            case .facility: return ["facility", "施設", "施設id", "医療機関", "かかりつけ", "所属"]
            case .attending: return ["attending", "主治医", "主治医id"]
            case .partner: return ["partner", "副主治医", "副主治医id"]
            case .hospital: return ["hospital", "病院", "後方支援病院", "退院元病院", "連携病院"]
            case .consent: return ["consent", "同意", "同意日", "同意取得日"]
            }
        }

        static func matching(header: String) -> Field? {
            let normal = MemberSheet.Field.normalise(header)
            return allCases.first { $0.spellings.contains(normal) }
        }
    }

    /// Decodes the bytes (UTF-8 ± BOM, UTF-16, Shift_JIS) and parses them; see `parse`.
    public static func read(_ data: Data, file: String, network: Network?) throws(InputError) -> [Patient] {
        guard let (text, _) = SpreadsheetText.decode(data) else {
            throw InputError(InputIssue(
                file: file, message: "is neither UTF-8 nor Shift_JIS text", hint: "in Excel, save as \"CSV UTF-8 (comma delimited)\""))
        }
        return try parse(text, file: file, network: network)
    }

    /// The patients of the sheet, checked against the network: the facility and hospital exist (by id or
    /// name), the attending and partner are members (by id or name), ids are unique, consent is a date.
    /// Without a network only the sheet itself is checked and references are kept as written.
    public static func parse(_ text: String, file: String, network: Network?) throws(InputError) -> [Patient] {
        var table = try SheetTable<Field>(
            text, file: file, match: Field.matching(header:), required: [.id, .name, .facility, .attending], readHint: "save the register as CSV",
            missingHint: { _, header in
                "the first columns are id,name,facility,attending,partner,hospital,consent; headers read: \(header.joined(separator: ", "))"
            })
        var issues: [InputIssue] = []
        var facilities: [String: String] = [:]
        var members: [String: String] = [:]
        if let network {
            for f in network.facilities { facilities[f.name] = facilities[f.name] ?? f.id }
            for f in network.facilities { facilities[f.id] = f.id }
            for m in network.members { members[m.name] = members[m.name] ?? m.id }
            for m in network.members { members[m.id] = m.id }
        }

        var patients: [Patient] = []
        var firstLine: [String: Int] = [:]
        while let row = table.next() {
            let rowLine = row.line
            func cell(_ field: Field) -> String? { row.cell(field) }
            func issue(_ field: Field, _ message: String, _ hint: String? = nil) { issues.append(row.issue(field, message, hint)) }
            func reference(_ field: Field, in known: [String: String], what: String, required: Bool) -> String? {
                guard let given = cell(field) else {
                    if required { issue(field, "no \(what)", "write the \(what)'s id or name from the network file") }
                    return nil
                }
                guard network != nil else { return given }
                if let id = known[given] { return id }
                issue(field, "unknown \(what) \"\(given)\"", suggestion(for: given, among: known.keys) ?? "use an id or name from the network file")
                return nil
            }
            guard let id = cell(.id) else {
                issue(.id, "no patient id", "give every patient an id, or delete the row")
                continue
            }
            if let first = firstLine[id] { issue(.id, "patient id \"\(id)\" is also on line \(first)", "give each patient their own id") }
            firstLine[id] = firstLine[id] ?? rowLine
            let name = cell(.name)
            if name == nil { issue(.name, "no name", "write the patient's name (shown only with consent)") }
            let facility = reference(.facility, in: facilities, what: "facility", required: true)
            let attending = reference(.attending, in: members, what: "member", required: true)
            let partner = reference(.partner, in: members, what: "member", required: false)
            if let partner, partner == attending { issue(.partner, "is the attending doctor too", "name another doctor, or leave the cell empty") }
            let hospital = reference(.hospital, in: facilities, what: "facility", required: false)
            if let hospital, let network, let f = network.facilityIndex[hospital].map({ network.facilities[$0] }), f.kind != .hospital {
                issue(.hospital, "\(f.id) is a \(f.kind.rawValue), not a hospital", "name the hospital that takes the patient back")
            }
            var consent: CivilDate?
            if let text = cell(.consent) {
                consent = CivilDate(MemberSheet.isoDates(text))
                if consent == nil { issue(.consent, "\"\(text)\" is not a date", "write the date consent was given, 2026-04-01 or 2026/4/1, or leave it empty") }
            }
            guard let name, let facility, let attending else { continue }
            patients.append(Patient(id: id, name: name, facility: facility, attending: attending, partner: partner, hospital: hospital, consent: consent))
        }
        if !issues.isEmpty { throw InputError(issues) }
        return patients
    }

    /// The register as CSV in the contract's columns (what `GET /v1/patients` gives an admin back).
    public static func render(_ patients: [Patient]) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [Field.allCases.map(\.rawValue).joined(separator: ",")]
        for p in patients {
            lines.append([p.id, p.name, p.facility, p.attending, p.partner ?? "", p.hospital ?? "", p.consent?.description ?? ""]
                .map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
