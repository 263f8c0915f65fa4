// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OncallCalendar
import OncallDaemon
import OncallStore
import Testing

/// The web pages through the router, in process: sign-in, language, escaping, and what each role sees.
/// The harness's clock stands at 2026-12-06 02:00 in Tokyo: the night of 12/5 is on.
@Suite("web pages")
struct WebPageTests {
    func harness() async throws -> Harness { try await Harness(network: try loadWebNetwork()) }

    /// A cookie of the old kind, which held the token itself: it names no session now.
    func cookie(_ token: String) -> HTTPFields { [.cookie: "oncall_session=\(Data(token.utf8).base64EncodedString().replacingOccurrences(of: "=", with: ""))"] }

    @Test("without a session the pages send to /login; the form sets an HttpOnly, SameSite=Strict cookie; /logout clears it")
    func signIn() async throws {
        let h = try await harness()
        try await Application(router: h.api.router()).test(.router) { client in
            try await publishWebRosters(client)
            let anonymous = try await exchange(client, .get, "/month/2026-12?lang=en")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/login?next=/month/2026-12%3Flang%3Den&lang=en")
            let form = try await exchange(client, .get, "/login?next=/month/2026-12")
            #expect(form.status == .ok)
            #expect(form.body.contains(#"<form method="post" action="/login">"#))
            #expect(form.body.contains(#"name="token" type="password""#))
            #expect(form.body.contains(#"<input type="hidden" name="next" value="/month/2026-12">"#))
            #expect(form.headers[.contentType] == "text/html; charset=utf-8")
            #expect(form.headers[.cacheControl] == "no-store")
            #expect(form.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)

            let wrong = try await exchange(client, .post, "/login", body: "token=nope&next=%2F", contentType: "application/x-www-form-urlencoded")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("トークンが正しくありません"))
            #expect(wrong.headers[.setCookie] == nil)

            let login = try await exchange(
                client, .post, "/login", body: "token=\(Harness.adminToken)&next=%2Fmonth%2F2026-12", contentType: "application/x-www-form-urlencoded")
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/month/2026-12")
            let setCookie = try #require(login.headers[.setCookie])
            #expect(setCookie.hasPrefix("oncall_session="))
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] { #expect(setCookie.contains(attribute), "\(setCookie)") }
            #expect(!setCookie.contains("Secure"), "plain http on loopback: no public_url")
            let value = String(setCookie.dropFirst("oncall_session=".count).prefix { $0 != ";" })

            let month = try await exchange(client, .get, "/month/2026-12", headers: [.cookie: "oncall_session=\(value)"])
            #expect(month.status == .ok)
            #expect(month.body.contains("2026年12月 当番表"))
            // The API takes bearer tokens only: a cookie is no credential there.
            let api = try await exchange(client, .get, "/v1/oncall", headers: [.cookie: "oncall_session=\(value)"])
            #expect(api.status == .unauthorized)

            let logout = try await exchange(client, .post, "/logout", headers: [.cookie: "oncall_session=\(value)"])
            #expect(logout.status == .seeOther)
            #expect(logout.headers[.location] == "/login")
            #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)

            // Somewhere else after signing in: only paths on this site.
            for evil in ["%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example%2F", "%2F%5Cevil.example"] {
                let r = try await exchange(client, .post, "/login", body: "token=\(Harness.adminToken)&next=\(evil)", contentType: "application/x-www-form-urlencoded")
                #expect(r.headers[.location] == "/", "\(evil)")
            }
            // A cookie that names no session (one from before sessions, even of a configured token): back to the form, the cookie cleared.
            let stale = try await exchange(client, .get, "/", headers: cookie(Harness.adminToken))
            #expect(stale.status == .seeOther)
            #expect(stale.headers[.setCookie]?.contains("Max-Age=0") == true)
            let bearer = try await exchange(client, .get, "/", token: "wrong")
            #expect(bearer.status == .unauthorized)
        }
    }

    @Test("Japanese by default and for Japanese browsers; English with ?lang=en (kept in links) or an English Accept-Language")
    func language() async throws {
        let h = try await harness()
        try await Application(router: h.api.router()).test(.router) { client in
            try await publishWebRosters(client)
            let plain = try await exchange(client, .get, "/", token: Harness.adminToken)
            #expect(plain.body.contains(#"<html lang="ja">"#))
            #expect(plain.body.contains("<h1>現在の当番</h1>"))
            #expect(plain.body.contains("<th>当番</th>") && plain.body.contains("<th>待機</th>"))
            let query = try await exchange(client, .get, "/?lang=en", headers: [.acceptLanguage: "ja"], token: Harness.adminToken)
            #expect(query.body.contains(#"<html lang="en">"#))
            #expect(query.body.contains("<h1>On call now</h1>"))
            #expect(query.body.contains("<th>primary</th>") && query.body.contains("<th>backup</th>"))
            #expect(query.body.contains(#"href="/month?lang=en""#), "links keep the chosen language")
            // The time reads in each language's order: "as of Sun 6 Dec 02:00", "12月6日(日) 02:00 時点".
            #expect(query.body.range(of: #"· as of [^<]*02:00</p>"#, options: .regularExpression) != nil, "\(query.body.prefix(900))")
            #expect(plain.body.range(of: #"02:00 時点</p>"#, options: .regularExpression) != nil)
            let english = try await exchange(client, .get, "/", headers: [.acceptLanguage: "en-US,en;q=0.9"], token: Harness.adminToken)
            #expect(english.body.contains("<h1>On call now</h1>"))
            #expect(english.body.contains(#"href="/month""#), "a browser's own preference needs no parameter")
            let japanese = try await exchange(client, .get, "/", headers: [.acceptLanguage: "fr-FR, en;q=0.4, ja;q=0.8"], token: Harness.adminToken)
            #expect(japanese.body.contains("<h1>現在の当番</h1>"))
        }
    }

    @Test("/ shows each district's pools now and next; contacts for the office and the facilities a pool covers, not for responders; names escaped")
    func tonight() async throws {
        let h = try await harness()
        try await Application(router: h.api.router()).test(.router) { client in
            try await publishWebRosters(client)
            let admin = try await exchange(client, .get, "/", token: Harness.adminToken).body
            #expect(admin.contains("<h2>北地区</h2>") && admin.contains("<h2>南地区</h2>"))
            let north = try #require(section(admin, from: #"id="pool-docs""#, to: "</article>"))
            #expect(north.contains("12/5(土) 夜間</span> 18:00–翌09:00"))
            #expect(north.contains(#"<tr class="primary"><th>当番</th><td><a class="name" href="/members/p3">医師三</a> <span class="facility">一診療所</span>"#))
            #expect(north.contains(#"電話 <a href="tel:+819000000003">+81-90-0000-0003</a>"#))
            #expect(north.contains(#"<a href="mailto:p3@example.jp">p3@example.jp</a>"#))
            #expect(north.contains(#"<tr class="backup"><th>待機</th><td><a class="name" href="/members/p4">医師四</a>"#))
            #expect(!north.contains("127.0.0.1:9"), "web hooks are never shown")
            #expect(north.contains("<strong>次の当番</strong> <span class=\"when\">12/6(日) 日中</span> 09:00–18:00"))
            let south = try #require(section(admin, from: #"id="pool-south""#, to: "</article>"))
            #expect(south.contains("&lt;script&gt;alert(1)&lt;/script&gt;南医師"))
            #expect(south.contains("南&lt;b&gt;第二&lt;/b&gt;診療所"))
            #expect(!admin.contains("<script") && !admin.contains("<b>"))

            // Facility c1 is in the north: the north pool and its contacts, nothing of the south.
            let facility = try await exchange(client, .get, "/", token: Harness.facilityToken).body
            #expect(facility.contains(#"id="pool-docs""#) && !facility.contains(#"id="pool-south""#))
            #expect(!facility.contains("南地区"))
            #expect(facility.contains("tel:+819000000003"))
            // Its own staff's pages open; another facility's member is a name without a link.
            #expect(facility.contains(#"href="/members/p3""#) && !facility.contains(#"href="/members/p4""#))

            // Responder p3: the pool they belong to, names only.
            let responder = try await exchange(client, .get, "/", token: Harness.responderToken).body
            #expect(responder.contains(#"id="pool-docs""#) && !responder.contains(#"id="pool-south""#))
            #expect(responder.contains("医師三") && responder.contains("医師四"))
            #expect(!responder.contains("tel:") && !responder.contains("mailto:"))
            // The header names them as the network file does, not by their token's audit name.
            #expect(responder.contains(#"<span class="who">ログイン中: 医師三</span>"#) && !responder.contains("responder:p3"), "\(responder.prefix(1200))")

            // Any instant, with its zone: 2027-01-01 10:00 is the new year's day shift.
            let newYear = try await exchange(client, .get, "/?at=2027-01-01T10:00:00%2B09:00", token: Harness.adminToken).body
            #expect(newYear.contains("1/1(金) 日中</span> 09:00–18:00"))
            #expect(try await exchange(client, .get, "/?at=tomorrow", token: Harness.adminToken).status == .badRequest)
        }
    }

    @Test("/month/YYYY-MM: a grid per visible pool with holidays and year-end marked, overrides applied, member links by role")
    func month() async throws {
        let h = try await harness()
        try await Application(router: h.api.router()).test(.router) { client in
            try await publishWebRosters(client)
            let override = #"{"pool":"docs","date":"2026-12-05","shift":"night","tier":"backup","member":"p5","replaces":"p4"}"#
            #expect(try await call(client, .post, "/v1/overrides", body: override).status == .created)

            let december = try await exchange(client, .get, "/month/2026-12", token: Harness.adminToken).body
            #expect(december.contains("<h1>2026年12月 当番表</h1>"))
            #expect(december.contains("<th>日中 当番</th><th>日中 待機</th><th>夜間 当番</th><th>夜間 待機</th>"))
            #expect(december.contains(#"<tr class="saturday"><td class="date">12/5</td><td>土</td><td><a href="/members/p1">医師一</a></td><td><a href="/members/p2">医師二</a></td><td><a href="/members/p3">医師三</a></td><td><a href="/members/p5">医師五</a></td></tr>"#))
            #expect(december.contains(#"<tr class="holiday year-end"><td class="date">12/31 <span class="holiday-name">年末年始</span></td><td>木</td>"#))
            #expect(december.contains(#"<section class="month-pool" id="pool-south">"#))
            #expect(december.contains("@page { size: A4 landscape"))
            #expect(december.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
            #expect(december.contains(#"href="/month/2027-01""#) && december.contains(#"href="/month/2026-11""#))

            let january = try await exchange(client, .get, "/month/2027-01?lang=en", token: Harness.adminToken).body
            #expect(january.contains("<h1>On-call roster 2027-01</h1>"))
            #expect(january.contains(#"<tr class="holiday"><td class="date">1/11 <span class="holiday-name">成人の日</span></td><td>Mon</td>"#))
            #expect(january.contains(#"<a href="/members/p1?lang=en">"#))

            let facility = try await exchange(client, .get, "/month/2026-12", token: Harness.facilityToken).body
            #expect(facility.contains(#"id="pool-docs""#) && !facility.contains(#"id="pool-south""#))
            #expect(facility.contains(#"<a href="/members/p1">医師一</a>"#) && facility.contains("<td>医師二</td>"))

            let unpublished = try await exchange(client, .get, "/month/2027-02", token: Harness.adminToken)
            #expect(unpublished.status == .notFound)
            #expect(unpublished.body.contains("この月の当番表はまだ公開されていません。"))
            #expect(try await exchange(client, .get, "/month/2027-13", token: Harness.adminToken).status == .badRequest)
            let current = try await exchange(client, .get, "/month", token: Harness.adminToken)
            #expect(current.status == .seeOther && current.headers[.location] == "/month/2026-12")
        }
    }

    @Test("/members/{id}: duties this month and next; the feed address for the member and the office, made and revoked by the office")
    func member() async throws {
        let h = try await harness()
        try await Application(router: h.api.router()).test(.router) { client in
            try await publishWebRosters(client)
            let own = try await exchange(client, .get, "/members/p3", token: Harness.responderToken)
            #expect(own.status == .ok)
            #expect(own.body.contains("<h1>医師三</h1>"))
            #expect(own.body.contains("<h2>2026年12月 当番</h2>") && own.body.contains("<h2>2027年1月 当番</h2>"))
            #expect(own.body.contains(#"<tr class="primary saturday"><td class="date">12/5(土)</td><td>夜間</td><td>18:00–翌09:00</td><td>北地区 医師</td><td>当番</td></tr>"#))
            #expect(own.body.contains(#"<td class="date">1/1(金) <span class="holiday-name">元日</span></td>"#))
            #expect(own.body.contains("カレンダー配信のアドレスはまだ発行されていません。 事務局に発行を依頼してください。"))
            #expect(try await exchange(client, .get, "/members/p1", token: Harness.responderToken).status == .forbidden)
            #expect(try await exchange(client, .post, "/members/p3/feed-key", token: Harness.responderToken).status == .forbidden)
            #expect(try await exchange(client, .get, "/members/zz", token: Harness.adminToken).status == .notFound)

            let staff = try await exchange(client, .get, "/members/p1", token: Harness.facilityToken)
            #expect(staff.status == .ok && !staff.body.contains("カレンダー配信"))
            #expect(try await exchange(client, .get, "/members/p2", token: Harness.facilityToken).status == .forbidden)

            let admin = try await exchange(client, .get, "/members/p3", token: Harness.adminToken).body
            #expect(admin.contains(#"<form method="post" action="/members/p3/feed-key"><button type="submit">配信アドレスを発行</button></form>"#))
            let made = try await exchange(client, .post, "/members/p3/feed-key", token: Harness.adminToken)
            #expect(made.status == .seeOther && made.headers[.location] == "/members/p3")
            let withFeed = try await exchange(client, .get, "/members/p3", token: Harness.adminToken).body
            let url = try #require(section(withFeed, from: "http://", to: "\""))
            #expect(url.contains("/v1/ical/members/p3.ics?key="))
            #expect(withFeed.contains("webcal://"))
            let responderView = try await exchange(client, .get, "/members/p3", token: Harness.responderToken).body
            #expect(responderView.contains(url) && !responderView.contains("/feed-key/revoke"))

            let id = try #require(try await h.store.activeFeedKeys(kind: .member, subject: "p3").first?.id)
            // A key of another member's feed is not revoked through p3's page.
            #expect(try await exchange(client, .post, "/members/p1/feed-key/revoke", token: Harness.adminToken, body: "id=\(id)", contentType: "application/x-www-form-urlencoded").status == .seeOther)
            #expect(try await h.store.activeFeedKeys(kind: .member, subject: "p3").count == 1)
            #expect(try await exchange(client, .post, "/members/p3/feed-key/revoke", token: Harness.adminToken, body: "id=\(id)", contentType: "application/x-www-form-urlencoded").status == .seeOther)
            #expect(try await h.store.activeFeedKeys(kind: .member, subject: "p3").isEmpty)
            #expect(!(try await exchange(client, .get, "/members/p3", token: Harness.adminToken).body.contains(url)))
        }
    }
}

/// The text from the first `start` to the next `end` after it (both included), or nil.
func section(_ text: String, from start: String, to end: String) -> String? {
    guard let a = text.range(of: start), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else { return nil }
    return String(text[a.lowerBound..<b.upperBound])
}
