// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel

/// `oncall roster print`: the month on paper. One self-contained page (inline CSS, no script, no
/// external file) laid out for A4 landscape, one grid per pool: dates down, shifts and tiers across.
/// Weekends, holidays and the year-end days are shaded so nobody misreads whose holiday it is.
struct RosterPrintHTML {
    var network: Network
    var month: YearMonth
    var grid: RosterGrid
    var language: ReportLanguage

    func render() -> String {
        let l = language
        let title = l.rosterTitle(month)
        var body = "<h1>\(escape(title))</h1>\n<p class=\"meta\">\(escape(l.label("network"))): \(escape(network.name))</p>\n"
        for pool in network.pools {
            guard let table = RosterGridHTML.table(grid, pool: pool.id, language: l) else { continue }
            body += "<section class=\"pool\">\n<h2>\(escape(pool.name))</h2>\n\(table)</section>\n"
        }
        return HTMLText.document(language: l, title: title, style: Self.style, body: body)
    }

    static let style = """
        @page { size: A4 landscape; margin: 10mm; }
        body { font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 9pt; color: #000; }
        h1 { font-size: 14pt; margin: 0 0 2mm; }
        h2 { font-size: 11pt; margin: 0 0 1mm; }
        .meta { margin: 0 0 3mm; color: #444; }
        section.pool { page-break-after: always; break-after: page; }
        section.pool:last-child { page-break-after: auto; break-after: auto; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #888; padding: 0.6mm 1.5mm; text-align: left; }
        thead th { background: #e8e8e8; }
        th.date { width: 9em; }
        th.weekday { width: 3em; }
        tr { break-inside: avoid; }
        \(RosterGridHTML.rowStyles)
        * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        """
}
