// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel

/// `/members/{id}`: a member's duties this month and next (overrides applied), and their calendar
/// feed's address for the member and the office; the office can make or revoke it here.
struct MemberPage {
    var context: PageContext
    var scope: ViewerScope
    var member: Member
    /// This month's and next month's rosters in force, nil where none is published.
    var months: [(YearMonth, Roster?)]
    /// Addresses of the member's feeds in force (id and URL), when the viewer may see them.
    var feeds: [(id: String, url: String)]

    func render() -> String {
        let c = context
        let l = c.language
        let network = scope.network
        var body = "<h1>\(esc(member.name))</h1>\n"
        let facility = network.facilityIndex[member.facility].map { network.facilities[$0].name } ?? member.facility
        body += "<p class=\"meta\">\(esc(facility)) · \(esc(WebText.role(member.role, l)))</p>\n"
        let pools = network.pools.filter { RosterMonth.belongs(member, to: $0, in: network) }.map(\.name)
        if !pools.isEmpty { body += "<p>\(esc(c.text(.pools))): \(esc(pools.joined(separator: "、")))</p>\n" }
        for (month, roster) in months {
            body += "<section class=\"duties\">\n<h2>\(esc(WebText.month(month, l))) \(esc(c.text(.duties)))</h2>\n"
            guard let roster else {
                body += "<p class=\"muted\">\(esc(c.text(.notPublished)))</p>\n</section>\n"
                continue
            }
            let duties = roster.sorted(in: network).assignments.filter { $0.member == member.id && month.contains($0.date) }
            if duties.isEmpty {
                body += "<p class=\"muted\">\(esc(c.text(.noDuties)))</p>\n</section>\n"
                continue
            }
            body += "<div class=\"scroll\"><table class=\"duties\">\n<thead><tr><th>\(esc(c.text(.date)))</th><th>\(esc(c.text(.shift)))</th>"
            body += "<th>\(esc(c.text(.hours)))</th><th>\(esc(c.text(.pool)))</th><th>\(esc(c.text(.tier)))</th></tr></thead>\n<tbody>\n"
            for a in duties { body += row(a) }
            body += "</tbody></table></div>\n</section>\n"
        }
        if scope.canSeeFeed(of: member.id) { body += feedSection() }
        return WebPage(title: "\(member.name) — \(network.name)", context: c, body: body).render()
    }

    private func row(_ a: Assignment) -> String {
        let network = scope.network
        let l = context.language
        let shift = network.shiftIndex[a.shift].map { network.shifts[$0] }
        let pool = network.poolIndex[a.pool].map { network.pools[$0].name } ?? a.pool
        var classes: [String] = [a.tier.rawValue]
        let dayType = network.dayType(of: a.date)
        if dayType.isHolidayType { classes.append(dayType.rawValue) }
        if network.calendar.yearEnd && Network.isYearEnd(a.date) { classes.append("year-end") }
        let note = network.holidayName(of: a.date).map { " <span class=\"holiday-name\">\(esc($0))</span>" } ?? ""
        return "<tr class=\"\(classes.joined(separator: " "))\"><td class=\"date\">\(esc(WebText.day(a.date, l)))\(note)</td>"
            + "<td>\(esc(shift?.name ?? a.shift))</td><td>\(esc(shift.map { WebText.hours($0, l) } ?? ""))</td>"
            + "<td>\(esc(pool))</td><td>\(esc(l.tier(a.tier)))</td></tr>\n"
    }

    private func feedSection() -> String {
        let c = context
        let action = "/members/\(pathComponent(member.id))/feed-key"
        var html = "<section class=\"feed\">\n<h2>\(esc(c.text(.feed)))</h2>\n"
        if feeds.isEmpty {
            html += "<p class=\"muted\">\(esc(c.text(.noFeed)))\(scope.isAdmin ? "" : " " + esc(c.text(.askForFeed)))</p>\n"
        } else {
            html += "<p>\(esc(c.text(.feedHint)))</p>\n"
            for feed in feeds {
                // webcal: opens the phone's calendar app at its "subscribe" screen.
                let webcal = "webcal" + feed.url.drop { $0 != ":" }
                html += "<p class=\"feed-url\"><a href=\"\(attr(feed.url))\">\(esc(feed.url))</a></p>\n"
                html += "<p class=\"noprint\"><a href=\"\(attr(webcal))\">\(esc(c.text(.subscribe)))</a></p>\n"
                if scope.isAdmin {
                    html += "<form class=\"inline\" method=\"post\" action=\"\(attr(action + "/revoke"))\"><input type=\"hidden\" name=\"id\" value=\"\(attr(feed.id))\">"
                    html += "<button type=\"submit\">\(esc(c.text(.revokeFeed)))</button></form>\n"
                }
            }
        }
        if scope.isAdmin && feeds.isEmpty {
            html += "<form method=\"post\" action=\"\(attr(action))\"><button type=\"submit\">\(esc(c.text(.createFeed)))</button></form>\n"
        }
        return html + "</section>\n"
    }
}
