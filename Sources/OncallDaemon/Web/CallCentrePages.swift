// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import RosterModel

/// `/call-centre`: find a registered patient by id or name.
struct PatientSearchPage {
    var context: PageContext
    var query: String
    var results: [Patient]
    var network: Network

    func render() -> String {
        let c = context
        var body = "<h1>\(esc(c.text(.callCentre)))</h1>\n"
        body += "<form method=\"get\" action=\"/call-centre\"><p><label for=\"q\">\(esc(c.text(.searchPatient)))</label><br>"
        body += "<input id=\"q\" name=\"q\" type=\"text\" value=\"\(attr(query))\" autofocus> "
        if c.languageFromQuery { body += "<input type=\"hidden\" name=\"lang\" value=\"\(c.language.rawValue)\">" }
        body += "<button type=\"submit\">\(esc(c.text(.search)))</button></p></form>\n"
        if !query.isEmpty && results.isEmpty { body += "<p>\(esc(c.text(.noPatientFound)))</p>\n" }
        if !results.isEmpty {
            body += "<div class=\"scroll\"><table class=\"patients\"><thead><tr><th>ID</th><th>\(esc(c.text(.patient)))</th>"
            body += "<th>\(esc(c.text(.facilityLabel)))</th></tr></thead><tbody>\n"
            for p in results {
                let facility = network.facilityIndex[p.facility].map { network.facilities[$0].name } ?? p.facility
                let link = c.link("/call-centre/patients/\(pathComponent(p.id))")
                body += "<tr><td><a href=\"\(attr(link))\">\(esc(p.id))</a></td><td>\(esc(p.shownName))</td><td>\(esc(facility))</td></tr>\n"
            }
            body += "</tbody></table></div>\n"
        }
        return WebPage(title: c.text(.callCentre), context: c, body: body).render()
    }
}

/// `/call-centre/patients/{id}`: who would be paged now and in what order, and the button that pages them.
struct PatientChainPage {
    var context: PageContext
    var patient: Patient
    var chain: ChainView
    var network: Network

    func render() -> String {
        let c = context
        let l = c.language
        let facility = network.facilityIndex[patient.facility].map { network.facilities[$0].name } ?? patient.facility
        var body = "<h1>\(esc(c.text(.patient))): \(esc(patient.shownName))</h1>\n"
        body += "<p class=\"meta\">\(esc(patient.id)) · \(esc(facility))</p>\n"
        body += "<h2>\(esc(c.text(.chainNow)))</h2>\n"
        let steps = chain.steps.filter { !$0.targets.isEmpty || !$0.skipped.isEmpty }
        if !steps.contains(where: { !$0.targets.isEmpty }) { body += "<p class=\"error\">\(esc(c.text(.nobodyToPage)))</p>\n" }
        body += "<div class=\"scroll\"><table class=\"chain\"><thead><tr><th>\(esc(c.text(.step)))</th><th>\(esc(c.text(.tier)))</th>"
        body += "<th>\(esc(c.text(.whoIsPaged)))</th><th>\(esc(c.text(.skippedLabel)))</th></tr></thead><tbody>\n"
        for (i, step) in steps.enumerated() {
            let who = step.targets.map { t in
                esc(t.name) + (t.facilityName.map { f in f == t.name ? "" : " <span class=\"facility\">\(esc(f))</span>" } ?? "")
            }.joined(separator: "<br>")
            let skipped = step.skipped.map { esc($0.reason) }.joined(separator: "<br>")
            body += "<tr><td>\(i + 1)</td><td>\(esc(WebText.tier(step.tier, l)))</td><td>\(who)</td><td class=\"skipped\">\(skipped)</td></tr>\n"
        }
        body += "</tbody></table></div>\n"
        if let next = chain.nextOnRota {
            let names = (next.primary + next.backup).map(\.name).joined(separator: "、")
            body += "<p class=\"next\">\(esc(c.text(.nextOnRota))): \(esc(next.date)) \(esc(next.shift)) \(esc(names))</p>\n"
        }
        body += "<form method=\"post\" action=\"\(attr(c.link("/call-centre/patients/\(pathComponent(patient.id))/escalate")))\">\n"
        body += "<p><label for=\"note\">\(esc(c.text(.note)))</label><br><textarea id=\"note\" name=\"note\" rows=\"3\" maxlength=\"2000\"></textarea></p>\n"
        body += "<p><label for=\"urgency\">\(esc(c.text(.urgency)))</label> <select id=\"urgency\" name=\"urgency\">"
        for (value, key) in [("high", WebText.Key.urgencyHigh), ("normal", .urgencyNormal), ("low", .urgencyLow)] {
            body += "<option value=\"\(value)\">\(esc(c.text(key)))</option>"
        }
        body += "</select></p>\n<p><button class=\"escalate\" type=\"submit\">\(esc(c.text(.escalate)))</button></p>\n</form>\n"
        return WebPage(title: "\(c.text(.callCentre)) — \(patient.shownName)", context: c, body: body).render()
    }
}

/// `/call-centre/escalations/{id}`: every page and answer of one call, refreshing itself while it is open.
struct EscalationStatusPage {
    var context: PageContext
    var view: EscalationView
    var network: Network

    func render() -> String {
        let c = context
        let l = c.language
        func name(_ id: String) -> String { network.planTarget(id).name }
        let status: WebText.Key = view.status == "open" ? .open : view.status == "acknowledged" ? .answered : .exhausted
        var body = "<h1>\(esc(c.text(.escalationStatus)))</h1>\n"
        body += "<p class=\"\(view.status == "open" ? "meta" : "notice")\"><strong>\(esc(c.text(.statusLabel))): \(esc(c.text(status)))</strong>"
        if let p = view.patient { body += " · \(esc(c.text(.patient))): \(esc(p.name ?? p.id))" }
        body += "</p>\n"
        if !view.note.isEmpty { body += "<p>\(esc(c.text(.note))): \(esc(view.note))</p>\n" }
        if view.status == "open" { body += "<p class=\"muted\">\(esc(c.text(.refreshes)))</p>\n" }
        body += "<div class=\"scroll\"><table class=\"chain\"><thead><tr><th>\(esc(c.text(.step)))</th><th>\(esc(c.text(.tier)))</th>"
        body += "<th>\(esc(c.text(.whoIsPaged)))</th></tr></thead><tbody>\n"
        for (i, step) in view.plan.enumerated() {
            let current = i == view.step && view.status == "open"
            body += "<tr\(current ? " class=\"today\"" : "")><td>\(i + 1)\(current ? " ▶" : "")</td><td>\(esc(WebText.tier(step.tier, l)))</td>"
            body += "<td>\(step.targets.map { esc(name($0.member)) }.joined(separator: "<br>"))</td></tr>\n"
        }
        body += "</tbody></table></div>\n<h2>\(esc(c.text(.pagesSent)))</h2>\n"
        let time = DateFormatter()
        time.dateFormat = "HH:mm:ss"
        time.timeZone = TimeZone(identifier: network.timezone)
        body += "<div class=\"scroll\"><table class=\"pages\"><thead><tr><th>\(esc(c.text(.time)))</th><th>\(esc(c.text(.tier)))</th>"
        body += "<th>\(esc(c.text(.whoIsPaged)))</th><th>\(esc(c.text(.result)))</th></tr></thead><tbody>\n"
        for p in view.pages {
            body += "<tr><td>\(esc(time.string(from: p.sentAt)))</td><td>\(esc(WebText.tier(p.tier, l)))</td><td>\(esc(name(p.member)))</td>"
            body += "<td>\(esc(p.channel)) \(esc(p.result.hasPrefix("failed") ? "failed" : p.result))</td></tr>\n"
        }
        body += "</tbody></table></div>\n"
        if !view.answers.isEmpty {
            body += "<h2>\(esc(c.text(.answers)))</h2>\n<ul>\n"
            for a in view.answers {
                let kind = a.kind == "ack" ? c.text(.acknowledge) : c.text(.decline)
                body += "<li>\(esc(time.string(from: a.at))) \(esc(name(a.member))): \(esc(kind))</li>\n"
            }
            body += "</ul>\n"
        }
        return WebPage(title: c.text(.escalationStatus), context: c, body: body, refreshSeconds: view.status == "open" ? 10 : nil).render()
    }
}
