// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel

/// `/month/YYYY-MM`: the printed roster's grid per pool (dates down, primary and backup across;
/// weekends, holidays and year-end shaded and named), overrides applied, names linking to member pages.
struct MonthPage {
    var context: PageContext
    var scope: ViewerScope
    var month: YearMonth
    /// Nil when no roster is published for the month.
    var roster: Roster?

    func render() -> String {
        let c = context
        let l = c.language
        let network = scope.network
        let title = l.rosterTitle(month)
        var body = "<h1>\(esc(title))</h1>\n<p class=\"meta\">\(esc(network.name))</p>\n"
        // 0001-01 has no month before it and 9999-12 none after (`previous` and `next` would stop the daemon).
        body += "<nav class=\"months\">"
        if month > YearMonth(year: 1, month: 1)! {
            body += "<a href=\"\(attr(c.link("/month/\(month.previous)")))\">\(esc(c.text(.previousMonth)))</a>"
        }
        if month < YearMonth(year: 9999, month: 12)! {
            body += "<a href=\"\(attr(c.link("/month/\(month.next)")))\">\(esc(c.text(.nextMonth)))</a>"
        }
        body += "</nav>\n"
        guard let roster else {
            body += "<p class=\"muted\">\(esc(c.text(.notPublished)))</p>\n"
            return WebPage(title: "\(title) — \(network.name)", context: c, body: body).render()
        }
        body += "<p class=\"legend\"><span class=\"saturday\">\(esc(c.text(.legendSaturday)))</span>"
        body += "<span class=\"holiday\">\(esc(c.text(.legendHoliday)))</span><span class=\"year-end\">\(esc(c.text(.legendYearEnd)))</span></p>\n"
        let grid = RosterGrid(roster: roster, network: network)
        for pool in network.pools where scope.canSee(pool: pool.id) {
            guard let table = RosterGridHTML.table(grid, pool: pool.id, language: l, cell: cell) else { continue }
            body += "<section class=\"month-pool\" id=\"pool-\(attr(pool.id))\">\n<h2>\(esc(pool.name))</h2>\n<div class=\"scroll\">\n\(table)</div>\n</section>\n"
        }
        return WebPage(title: "\(title) — \(network.name)", context: c, body: body).render()
    }

    /// Names, each a link to the member's page when the viewer may open it.
    private func cell(_ members: [String], _ names: [String]) -> String {
        zip(members, names).map { id, name in
            scope.canOpen(member: id)
                ? "<a href=\"\(attr(context.link("/members/\(pathComponent(id))")))\">\(esc(name))</a>" : esc(name)
        }.joined(separator: "・")
    }
}
