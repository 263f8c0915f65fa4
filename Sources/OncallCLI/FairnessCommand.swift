// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import OncallCalendar
import RosterModel

struct FairnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fairness",
        abstract: "Measure how fairly any roster shares the load: per member and per pool, or two rosters side by side.",
        discussion: """
            Any roster can be measured, hand-made ones too; one that breaks hard rules is measured all the same, \
            with the violations listed first. Exit codes: 0 measured; 2 bad input (file, CSV line, field).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, html }

    @OptionGroup var input: RosterFileArguments

    @Option(help: "Loads carried in from earlier months: a previous fairness report (--format json) or year-fairness.json.")
    var history: String?

    @Option(help: "Another roster of the same month to compare with (B; the first roster is A).")
    var compare: String?

    @Option(help: "table, json, csv or html.")
    var format: Format = .table

    @Option(help: "Language of the HTML page: ja or en (default: ja when the network's time zone is Asia/Tokyo).")
    var lang: ReportLanguage?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (month, roster) = (input.month, input.roster)
        var network = try NetworkLoader.load(path: input.network)
        if let history { try HistoryFile.apply(history, to: &network) }
        let rosterMonth = RosterMonth(network: network, month: month)
        let files = [roster] + (compare.map { [$0] } ?? [])
        var measured: [(file: String, report: FairnessReport, lines: [Int])] = []
        for file in files {
            let document = try RosterCSV.load(path: file, network: network, month: month)
            measured.append((file, FairnessReport(roster: document.roster, month: rosterMonth), document.lines))
        }
        let violations = measured.map { m in m.report.violations.map { describe($0, lines: m.lines) } }
        let language = lang ?? .default(timezone: network.timezone)

        switch format {
        case .table:
            for (i, m) in measured.enumerated() {
                if measured.count > 1 { Console.print("\(["A", "B"][i]): \(m.file)") }
                printViolations(violations[i], file: m.file)
            }
            if measured.count == 1 {
                let report = measured[0].report
                Console.print("\(network.name) — fairness of \(roster) for \(report.monthsLabel)")
                Console.print("")
                Console.print(report.poolTable().text())
                Console.print("")
                Console.print(report.memberTable().text())
            } else {
                Console.print("\(network.name) — A \(measured[0].file) against B \(measured[1].file) for \(month)")
                Console.print("")
                for table in comparisonTables(measured[0].report, measured[1].report) {
                    Console.print(table.text())
                    Console.print("")
                }
            }
        case .json:
            let reports = measured.map { FairnessJSON($0.report, network: network.name, lines: $0.lines) }
            if reports.count == 1 {
                Console.current.out(try reports[0].text())
            } else {
                Console.current.out(try FairnessJSON.comparison(reports[0], reports[1], files: (measured[0].file, measured[1].file)))
            }
        case .csv:
            // Standard output stays CSV; the violations go to standard error.
            for (i, m) in measured.enumerated() where !violations[i].isEmpty {
                Console.error("\(m.file): \(violations[i].count) violation\(violations[i].count == 1 ? "" : "s") of the hard rules (measured all the same):")
                for line in violations[i] { Console.error("  \(line)") }
            }
            let tables = measured.count == 1
                ? [measured[0].report.poolTable(), measured[0].report.memberTable()]
                : comparisonTables(measured[0].report, measured[1].report)
            Console.current.out(tables.map { $0.csv() + "\n" }.joined(separator: "\n"))
        case .html:
            let page = FairnessHTML(
                network: network.name, language: language, sections: measured.map { .init(heading: $0.file, report: $0.report) },
                violations: violations,
                differences: measured.count > 1 ? comparisonTables(measured[0].report, measured[1].report) : [])
            Console.current.out(page.render())
        }
    }

    private func comparisonTables(_ a: FairnessReport, _ b: FairnessReport) -> [ReportTable] {
        [ReportTable.comparing(a.poolTable(), b.poolTable()), ReportTable.comparing(a.memberTable(), b.memberTable())]
    }

    private func printViolations(_ lines: [String], file: String) {
        guard !lines.isEmpty else { return }
        Console.print("\(file): \(lines.count) violation\(lines.count == 1 ? "" : "s") of the hard rules (measured all the same):")
        for line in lines { Console.print("  \(line)") }
        Console.print("")
    }
}

/// A violation with the CSV lines of the duties it involves, as `roster check` prints it.
func describe(_ violation: Violation, lines: [Int]) -> String {
    let numbers = violation.assignments.compactMap { $0 < lines.count ? lines[$0] : nil }.sorted()
    let where_ = numbers.isEmpty ? "" : "line\(numbers.count == 1 ? "" : "s") \(numbers.map(String.init).joined(separator: ", ")): "
    return where_ + violation.description
}
