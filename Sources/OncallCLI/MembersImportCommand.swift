// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import RosterModel

struct MembersImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read the member list and days off from an Excel CSV (UTF-8 or Shift_JIS) into a network file.",
        discussion: """
            Headers may be Japanese or English: ID/会員ID, 氏名/名前, 施設/施設ID, 職種 (医師/看護師/薬剤師), 資格/スキル (麻薬), \
            常勤換算/FTE, 上限/最大当番数, 休み/休日希望/不可日, 希望休; or id, name, facility, role, skills, fte, max_duties, off, \
            prefer_off, email, sms, webhook. Days off are separated by ";". With --into, members replace those with the same \
            id in an existing network file and new ones are added; without it, a starter network is written. \
            Exit codes: 0 written; 2 bad input (each problem named by row and column).
            """)

    @Argument(help: "The member list, saved from Excel as CSV.")
    var sheet: String

    @Option(help: "The network file to write.")
    var out: String

    @Option(help: "An existing network file to merge the members into (it is not changed; the result goes to --out).")
    var into: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let output: String
        let imported: MemberSheet.Result
        // The members of the file written, in order: to trace its problems back to sheet rows.
        var ids: [String]
        if let into {
            let network = try NetworkLoader.load(path: into)
            // The sheet may name facilities by id or by name.
            var facilities: [String: String] = [:]
            for f in network.facilities { facilities[f.name] = f.id }
            for f in network.facilities { facilities[f.id] = f.id }
            imported = try MemberSheet.load(path: sheet, facilities: facilities)
            guard let original = FileManager.default.contents(atPath: into).flatMap({ SpreadsheetText.decode($0)?.text }) else {
                throw InputError(InputIssue(file: into, message: "cannot read the file"))
            }
            let members = imported.members.map { m in
                network.memberIndex[m.id].map { imported.replacing(network.members[$0], with: m) } ?? m
            }
            output = try MemberYAML.merge(members, into: original, file: into)
            ids = network.members.map(\.id)
            ids += imported.members.map(\.id).filter { !ids.contains($0) }
        } else {
            imported = try MemberSheet.load(path: sheet)
            let name = URL(fileURLWithPath: out).deletingPathExtension().lastPathComponent
            output = try MemberYAML.starter(name: name, members: imported.members, file: out)
            ids = imported.members.map(\.id)
        }
        // What is written must load: a day off naming an unknown shift, say, is caught here.
        do {
            _ = try NetworkLoader.parse(output, file: out)
        } catch {
            throw InputError(error.issues.map { issue in
                var issue = issue
                if let field = issue.field, let location = imported.location(ofField: field, memberIDs: ids) {
                    issue.file = sheet
                    issue.line = location.line
                    issue.column = location.column
                    issue.field = location.field
                } else {
                    issue.hint = (issue.hint.map { $0 + "; " } ?? "") + "in the network that would be written from \(sheet)\(into.map { " and \($0)" } ?? "")"
                }
                return issue
            })
        }
        try writeOutput(Data(output.utf8), to: out)
        let replaced = into == nil ? "" : " (merged into \(into!))"
        Console.print("\(out): \(imported.members.count) members from \(sheet), read as \(imported.encoding.rawValue)\(replaced)")
        if !imported.ignoredColumns.isEmpty {
            Console.print("  columns not read: \(imported.ignoredColumns.joined(separator: ", "))")
        }
    }
}
