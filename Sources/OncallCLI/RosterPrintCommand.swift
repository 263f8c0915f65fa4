// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import OncallCalendar
import RosterModel

struct RosterPrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Write a printable month (HTML, A4 landscape, a grid per pool), and a PDF with Chromium.",
        discussion: "Exit codes: 0 written; 2 bad input, or --pdf without Chromium installed.")

    @OptionGroup var input: RosterFileArguments

    @Option(help: "The HTML page to write.")
    var out: String

    @Option(help: "Also print the page to this PDF file (needs chromium).")
    var pdf: String?

    @Option(help: "The Chromium or Chrome executable for --pdf (default: chromium, chromium-browser or google-chrome on PATH).")
    var chromium: String?

    @Option(help: "Language of the page: ja or en (default: ja when the network's time zone is Asia/Tokyo).")
    var lang: ReportLanguage?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (month, roster) = (input.month, input.roster)
        let network = try NetworkLoader.load(path: input.network)
        let document = try RosterCSV.load(path: roster, network: network, month: month)
        // Before writing anything: a missing Chromium should not leave half the job done.
        let browser = try pdf.map { try ChromiumPDF.require(for: $0, given: chromium) }
        let page = RosterPrintHTML(
            network: network, month: month, grid: RosterGrid(roster: document.roster, network: network),
            language: lang ?? .default(timezone: network.timezone))
        try writeOutput(Data(page.render().utf8), to: out)
        Console.print("\(out): roster of \(month)")
        if let pdf, let browser {
            try ChromiumPDF.print(html: out, to: pdf, chromium: browser)
            Console.print("\(pdf): printed")
        }
    }
}
