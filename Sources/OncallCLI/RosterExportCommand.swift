// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import OncallCalendar
import RosterModel

struct RosterExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a roster as a month table for Excel: one row per date, a column per pool, shift and tier.",
        discussion: "Exit codes: 0 written; 2 bad input.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// UTF-8 with BOM and CRLF: what Excel in Japan opens correctly with a double click.
        case xlsxCSV = "xlsx-csv"
    }

    @OptionGroup var input: RosterFileArguments

    @Option(help: "xlsx-csv: CSV for Excel (UTF-8 with BOM, CRLF).")
    var format: Format = .xlsxCSV

    @Option(help: "The file to write.")
    var out: String

    @Option(help: "Language of headings: ja or en (default: ja when the network's time zone is Asia/Tokyo).")
    var lang: ReportLanguage?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (month, roster) = (input.month, input.roster)
        let network = try NetworkLoader.load(path: input.network)
        let document = try RosterCSV.load(path: roster, network: network, month: month)
        let l = lang ?? .default(timezone: network.timezone)
        let grid = RosterGrid(roster: document.roster, network: network)
        try writeOutput(try ExcelCSV.data(RosterExportCommand.rows(grid, language: l)), to: out)
        Console.print("\(out): \(grid.rows.count) dates × \(grid.columns.count) columns for \(month)")
    }

    static func rows(_ grid: RosterGrid, language l: ReportLanguage) -> [[String]] {
        let head = l == .ja ? ["日付", "曜日", "区分", "祝日"] : ["date", "weekday", "day type", "holiday"]
        var rows = [head + grid.columns.map { l.heading($0, withPool: true) }]
        for row in grid.rows {
            rows.append(
                [row.date.description, l.weekday(row.date.weekday), l.dayType(row.dayType), row.holidayName ?? ""]
                    + row.cells.map { $0.joined(separator: "・") })
        }
        return rows
    }
}
