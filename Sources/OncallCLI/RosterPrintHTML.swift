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
        let title = l == .ja ? "\(month.year)年\(month.month)月 当番表" : "On-call roster \(month)"
        var body = "<h1>\(escape(title))</h1>\n<p class=\"meta\">\(escape(l.label("network"))): \(escape(network.name))</p>\n"
        for pool in network.pools {
            let columns = grid.columns(ofPool: pool.id)
            if columns.isEmpty { continue }
            body += "<section class=\"pool\">\n<h2>\(escape(pool.name))</h2>\n<table>\n<thead><tr>"
            body += "<th class=\"date\">\(escape(l == .ja ? "日付" : "date"))</th><th class=\"weekday\">\(escape(l == .ja ? "曜日" : "day"))</th>"
            body += columns.map { "<th>\(escape(l.heading($0.column, withPool: false)))</th>" }.joined()
            body += "</tr></thead>\n<tbody>\n"
            for row in grid.rows {
                var classes: [String] = []
                if row.dayType.isHolidayType { classes.append(row.dayType.rawValue) }
                if row.isYearEnd { classes.append("year-end") }
                let classAttribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                let note = row.holidayName.map { " <span class=\"holiday-name\">\(escape($0))</span>" } ?? ""
                body += "<tr\(classAttribute)><td class=\"date\">\(row.date.month)/\(row.date.day)\(note)</td>"
                body += "<td>\(escape(l.weekday(row.date.weekday)))</td>"
                body += columns.map { "<td>\(escape(row.cells[$0.index].joined(separator: "・")))</td>" }.joined()
                body += "</tr>\n"
            }
            body += "</tbody>\n</table>\n</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(l.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
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
            tr.saturday { background: #eef4ff; }
            tr.sunday, tr.holiday { background: #ffeef0; }
            tr.year-end { background: #ffe0b3; font-weight: bold; }
            .holiday-name { font-size: 7.5pt; color: #a00; }
            * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }
}
