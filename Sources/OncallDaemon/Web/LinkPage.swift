// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import RosterModel

/// The page an acknowledge or decline link opens, for a phone at 2 a.m.: who is calling, for which
/// patient, the note, who else is paged, and one button. Opening it changes nothing (mail and
/// messaging apps fetch links to preview them); only the button's POST answers.
struct LinkPage {
    var context: PageContext
    var kind: String
    var status: String
    /// The patient's id, or their name when they consented.
    var patient: String?
    var caller: Caller?
    var note: String
    var alsoPaged: [String]
    /// Where the button posts: the link itself, signature and all.
    var action: String
    /// After a POST: what the answer did.
    var outcome: WebText.Key?

    func render() -> String {
        let c = context
        var body = "<h1>\(esc(c.text(.page)))</h1>\n"
        if let outcome { body += "<p class=\"notice\" role=\"status\"><strong>\(esc(c.text(outcome)))</strong></p>\n" }
        body += "<dl class=\"page-facts\">\n"
        if let caller {
            body += "<dt>\(esc(c.text(.caller)))</dt><dd>\(esc(caller.facilityName))</dd>\n"
            if let phone = caller.callback {
                body += "<dt>\(esc(c.text(.callBack)))</dt><dd><a href=\"tel:\(attr(phone.filter { $0.isNumber || $0 == "+" }))\">\(esc(phone))</a></dd>\n"
            }
        }
        if let patient { body += "<dt>\(esc(c.text(.patient)))</dt><dd>\(esc(patient))</dd>\n" }
        if !note.isEmpty { body += "<dt>\(esc(c.text(.note)))</dt><dd class=\"note\">\(esc(note))</dd>\n" }
        body += "<dt>\(esc(c.text(.statusLabel)))</dt><dd>\(esc(statusText))</dd>\n"
        if !alsoPaged.isEmpty { body += "<dt>\(esc(c.text(.alsoPaged)))</dt><dd>\(alsoPaged.map(esc).joined(separator: "、"))</dd>\n" }
        body += "</dl>\n"
        if outcome == nil, status == "open" {
            body += "<form method=\"post\" action=\"\(attr(action))\"><p><button class=\"answer\" type=\"submit\">"
            body += "\(esc(c.text(kind == "ack" ? .acknowledge : .decline)))</button></p></form>\n"
        }
        return WebPage(title: c.text(.page), context: c, body: body).render()
    }

    private var statusText: String {
        switch status {
        case "open": context.text(.open)
        case "acknowledged": context.text(.answered)
        default: context.text(.exhausted)
        }
    }
}
