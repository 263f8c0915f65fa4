// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import RosterModel

/// `/`: the shift covering now (at night, tonight's), district by district: each pool's primary and
/// backup with their facility, and the phone and e-mail the viewer may see; the next shift under it.
struct TonightPage {
    var context: PageContext
    var scope: ViewerScope
    var resolver: CoverageResolver
    var at: Date

    func render() -> String {
        let c = context
        let network = scope.network
        let (today, minute) = resolver.local(at)
        let time = TimeOfDay(hour: minute / 60, minute: minute % 60)?.description ?? ""
        var body = "<h1>\(esc(c.text(.onCallNow)))</h1>\n"
        // "12月6日(日) 02:00 時点", but "as of Sun 6 Dec 02:00".
        let when = "\(WebText.day(today, c.language)) \(time)"
        let asOf = c.language == .ja ? "\(when) \(c.text(.asOf))" : "\(c.text(.asOf)) \(when)"
        body += "<p class=\"meta\">\(esc(network.name)) · \(esc(asOf))</p>\n"
        for group in districtGroups() {
            body += "<section class=\"district\">\n<h2>\(esc(group.name))</h2>\n<div class=\"pools\">\n"
            for pool in group.pools { body += card(pool) }
            body += "</div>\n</section>\n"
        }
        return WebPage(title: "\(c.text(.onCallNow)) — \(network.name)", context: c, body: body).render()
    }

    /// The visible pools by district, in the network's order; pools not tied to one district last.
    private func districtGroups() -> [(name: String, pools: [Pool])] {
        let network = scope.network
        var byDistrict: [String: [Pool]] = [:]
        var wide: [Pool] = []
        for pool in network.pools where scope.canSee(pool: pool.id) {
            if let d = district(of: pool) { byDistrict[d, default: []].append(pool) } else { wide.append(pool) }
        }
        var groups = network.districts.compactMap { d in byDistrict[d.id].map { (d.name, $0) } }
        if !wide.isEmpty { groups.append((context.text(.allDistricts), wide)) }
        return groups
    }

    /// The district a pool serves: its own, or the one all the facilities in its scope share.
    private func district(of pool: Pool) -> String? {
        let network = scope.network
        let facilities: [Facility]
        switch pool.scope {
        case .region: return nil
        case .district(let d): return d
        case .facilities(let ids): facilities = ids.compactMap { network.facilityIndex[$0].map { network.facilities[$0] } }
        case .team(let t): facilities = network.facilities.filter { $0.team == t }
        }
        let districts = Set(facilities.map(\.district))
        guard districts.count == 1, let only = districts.first else { return nil }
        return only
    }

    private func card(_ pool: Pool) -> String {
        let c = context
        var html = "<article class=\"pool\" id=\"pool-\(attr(pool.id))\">\n<h3>\(esc(pool.name))</h3>\n"
        if let now = resolver.covering(pool: pool.id, at: at) {
            html += "<p class=\"shift\">\(when(now))</p>\n<table class=\"cover\"><tbody>\n"
            for (tier, members) in [(Tier.primary, now.primary), (.backup, now.backup)] where !members.isEmpty {
                html += "<tr class=\"\(tier.rawValue)\"><th>\(esc(c.language.tier(tier)))</th><td>"
                html += members.map { person($0, contacts: scope.canSeeContacts(pool: pool.id)) }.joined(separator: "<br>")
                html += "</td></tr>\n"
            }
            html += "</tbody></table>\n"
        } else {
            html += "<p class=\"muted\">\(esc(c.text(.nobodyNow)))</p>\n"
        }
        if let next = resolver.next(pool: pool.id, after: at) {
            let names = [(Tier.primary, next.primary), (.backup, next.backup)].filter { !$0.1.isEmpty }.map { tier, members in
                "\(esc(c.language.tier(tier))) " + members.map { link($0) }.joined(separator: "・")
            }
            html += "<p class=\"next\"><strong>\(esc(c.text(.nextShift)))</strong> \(when(next)): \(names.joined(separator: c.language == .ja ? "、" : ", "))</p>\n"
        } else {
            html += "<p class=\"next muted\">\(esc(c.text(.nobodyNext)))</p>\n"
        }
        return html + "</article>\n"
    }

    /// "12/5(土) 夜間 18:00–翌09:00".
    private func when(_ coverage: Coverage) -> String {
        let network = scope.network
        let shift = network.shiftIndex[coverage.shift].map { network.shifts[$0] }
        let date = CivilDate(coverage.date).map { WebText.day($0, context.language) } ?? coverage.date
        return "<span class=\"when\">\(esc(date)) \(esc(shift?.name ?? coverage.shift))</span> \(esc(shift.map { WebText.hours($0, context.language) } ?? ""))"
    }

    private func link(_ m: CoveringMember) -> String {
        guard scope.canOpen(member: m.member) else { return "<span class=\"name\">\(esc(m.name))</span>" }
        return "<a class=\"name\" href=\"\(attr(context.link("/members/\(pathComponent(m.member))")))\">\(esc(m.name))</a>"
    }

    /// Name, facility and, when the viewer may see them, phone and e-mail (never the web hook).
    private func person(_ m: CoveringMember, contacts: Bool) -> String {
        let network = scope.network
        var html = link(m)
        if let facility = network.facilityIndex[m.facility].map({ network.facilities[$0].name }) {
            html += " <span class=\"facility\">\(esc(facility))</span>"
        }
        guard contacts, let member = network.memberIndex[m.member].map({ network.members[$0] }) else { return html }
        var parts: [String] = []
        if let phone = member.contact.sms, !phone.isEmpty {
            let tel = phone.filter { $0.isNumber || $0 == "+" }
            parts.append("\(esc(context.text(.phone))) <a href=\"tel:\(attr(tel))\">\(esc(phone))</a>")
        }
        if let email = member.contact.email, !email.isEmpty {
            parts.append("\(esc(context.text(.email))) <a href=\"mailto:\(attr(email))\">\(esc(email))</a>")
        }
        if !parts.isEmpty { html += " <span class=\"contact\">\(parts.joined(separator: " "))</span>" }
        return html
    }
}
