// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// `oncall fairness --format html`: one self-contained page a staff member can print or mail —
/// no script, no external file; the chart is inline SVG, the style inline CSS with print rules.
struct FairnessHTML {
    /// One report on the page: a heading (the roster file) and its figures.
    struct Section {
        var heading: String
        var report: FairnessReport
    }

    var network: String
    var language: ReportLanguage
    var sections: [Section]
    /// Violations per section, already in words (with CSV lines).
    var violations: [[String]]
    /// With two sections: the long-form difference tables.
    var differences: [ReportTable] = []

    func render() -> String {
        let l = language
        let title = l.label(sections.count > 1 ? "comparison" : "title")
        var body = "<h1>\(escape(title))</h1>\n"
        body += "<p class=\"meta\">\(escape(l.label("network"))): \(escape(network)) · \(escape(l.label("months"))): \(escape(sections[0].report.monthsLabel))</p>\n"
        for (i, section) in sections.enumerated() {
            if sections.count > 1 { body += "<h2>\(escape(["A", "B"][min(i, 1)])): \(escape(section.heading))</h2>\n" }
            if i < violations.count, !violations[i].isEmpty {
                body += "<section class=\"violations\"><h3>\(escape(l.label("violations")))</h3><ul>\n"
                body += violations[i].map { "<li>\(escape($0))</li>" }.joined(separator: "\n") + "\n</ul></section>\n"
            }
            body += "<h3>\(escape(l.label("pools")))</h3>\n" + table(section.report.poolTable())
            body += "<h3>\(escape(l.label("chart")))</h3>\n"
            for pool in section.report.pools { body += chart(pool, section.report) }
            body += "<h3>\(escape(l.label("members")))</h3>\n" + table(section.report.memberTable())
        }
        for table in differences {
            body += "<h2>\(escape(l.label("difference"))): \(escape(l.label(table.key)))</h2>\n" + self.table(table)
        }
        return HTMLText.document(language: l, title: "\(title) — \(network)", style: Self.style, body: body)
    }

    static let style = """
        body { font-family: "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif; margin: 2em; color: #222; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 2em; } h3 { font-size: 1.05em; margin-top: 1.5em; }
        table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0 1em; }
        th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; }
        th { background: #eef2f5; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .meta { color: #555; } .violations { border-left: 4px solid #c0392b; padding-left: 1em; }
        svg { display: block; margin-bottom: 1em; } .bar { fill: #4a7fb0; } .target { stroke: #c0392b; stroke-width: 2; }
        @media print { body { margin: 0; font-size: 10pt; } h2 { page-break-before: always; } table, svg { page-break-inside: avoid; } th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
        """

    private func table(_ table: ReportTable) -> String {
        var html = "<table>\n<thead><tr>" + table.columns.map { "<th>\(escape(language.label($0)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.enumerated().map { c, cell in
                c < table.keyColumns ? "<td>\(escape(cell))</td>" : "<td class=\"n\">\(escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Horizontal bars of normalised load, one per member, with the pool's fair target as a red line.
    private func chart(_ pool: PoolFairness, _ report: FairnessReport) -> String {
        let rows = report.members.filter { $0.pool == pool.pool }
        let labelWidth = 160.0, barWidth = 420.0, rowHeight = 18.0, top = 24.0
        let scale = max(rows.map(\.normalizedLoad).max() ?? 0, pool.normalizedTarget, 1e-9)
        let height = top + rowHeight * Double(rows.count) + 8
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(labelWidth + barWidth + 70))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(escape(pool.pool))\">\n"
        svg += "<text x=\"0\" y=\"14\" font-size=\"13\" font-weight=\"bold\">\(escape(pool.name.isEmpty ? pool.pool : pool.name))</text>"
        svg += "<text x=\"\(Int(labelWidth))\" y=\"14\" font-size=\"11\" fill=\"#4a7fb0\">■ \(escape(language.label("legend_load")))</text>"
        svg += "<text x=\"\(Int(labelWidth + 160))\" y=\"14\" font-size=\"11\" fill=\"#c0392b\">| \(escape(language.label("legend_target"))) \(format(pool.normalizedTarget))</text>\n"
        for (i, row) in rows.enumerated() {
            let y = top + rowHeight * Double(i)
            let width = barWidth * row.normalizedLoad / scale
            svg += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(f(y + 12))\" font-size=\"11\" text-anchor=\"end\">\(escape(row.name.isEmpty ? row.member : row.name))</text>"
            svg += "<rect class=\"bar\" x=\"\(Int(labelWidth))\" y=\"\(f(y + 2))\" width=\"\(f(width))\" height=\"\(f(rowHeight - 5))\"/>"
            svg += "<text x=\"\(f(labelWidth + width + 4))\" y=\"\(f(y + 12))\" font-size=\"10\">\(format(row.normalizedLoad))</text>\n"
        }
        let x = labelWidth + barWidth * pool.normalizedTarget / scale
        svg += "<line class=\"target\" x1=\"\(f(x))\" y1=\"\(f(top - 2))\" x2=\"\(f(x))\" y2=\"\(f(height - 4))\"/>\n"
        return svg + "</svg>\n"
    }

    private func f(_ value: Double) -> String { format(value, digits: 1) }
}

/// Text made safe inside HTML elements and attributes.
func escape(_ text: String) -> String { HTMLText.escape(text) }
