// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

/// A pool's month grid as an HTML table: what `oncall roster print` puts on paper and the daemon's
/// month page shows on screen. Dates down, one column per shift and tier across; weekends, holidays and
/// the year-end days carry a class (and the holiday its name), so both pages shade them alike.
public enum RosterGridHTML {
    /// Row shading for the classes the table sets: weekends, holidays, year-end days, holiday names.
    public static let rowStyles = """
        tr.saturday { background: #eef4ff; }
        tr.sunday, tr.holiday { background: #ffeef0; }
        tr.year-end { background: #ffe0b3; font-weight: bold; }
        .holiday-name { font-size: 0.8em; color: #a00; }
        """

    /// One pool's `<table>`, or nil when the pool has no columns in the grid.
    ///
    /// - Parameter cell: the HTML inside one cell, from the ids and names of the members on duty there;
    ///   by default their names, escaped and joined with ・.
    public static func table(
        _ grid: RosterGrid, pool: String, language l: ReportLanguage,
        cell: (_ members: [String], _ names: [String]) -> String = { _, names in HTMLText.escape(names.joined(separator: "・")) }
    ) -> String? {
        let columns = grid.columns(ofPool: pool)
        if columns.isEmpty { return nil }
        var html = "<table>\n<thead><tr>"
        html += "<th class=\"date\">\(HTMLText.escape(l == .ja ? "日付" : "date"))</th>"
        html += "<th class=\"weekday\">\(HTMLText.escape(l == .ja ? "曜日" : "day"))</th>"
        html += columns.map { "<th>\(HTMLText.escape(l.heading($0.column, withPool: false)))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for row in grid.rows {
            var classes: [String] = []
            if row.dayType.isHolidayType { classes.append(row.dayType.rawValue) }
            if row.isYearEnd { classes.append("year-end") }
            let classAttribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
            let note = row.holidayName.map { " <span class=\"holiday-name\">\(HTMLText.escape($0))</span>" } ?? ""
            html += "<tr\(classAttribute)><td class=\"date\">\(row.date.month)/\(row.date.day)\(note)</td>"
            html += "<td>\(HTMLText.escape(l.weekday(row.date.weekday)))</td>"
            html += columns.map { "<td>\(cell(row.members[$0.index], row.cells[$0.index]))</td>" }.joined()
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
