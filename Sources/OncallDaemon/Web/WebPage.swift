// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RosterModel

/// What every page knows about its request: who looks, in which language, and how links keep it.
struct PageContext {
    var scope: ViewerScope?
    var language: ReportLanguage
    /// The language came from `?lang=`: links carry it on, since the browser's own preference may differ.
    var languageFromQuery: Bool
    /// The path and query of this page, for the language switch.
    var path: String

    /// A link to `path` on this site in the page's language.
    func link(_ path: String) -> String {
        guard languageFromQuery else { return path }
        return path + (path.contains("?") ? "&" : "?") + "lang=\(language.rawValue)"
    }

    func text(_ key: WebText.Key) -> String { WebText.text(key, language) }
}

/// The frame of every page: one self-contained HTML document (inline CSS, no script, no external
/// file), readable on a phone (viewport, tables that scroll sideways) and printed on A4 landscape.
struct WebPage {
    var title: String
    var context: PageContext
    var body: String
    /// Reload the page by itself after this many seconds (no script): a status page that follows a call.
    var refreshSeconds: Int? = nil

    func render() -> String {
        let c = context
        let l = c.language
        var header = "<header class=\"site\"><a class=\"brand\" href=\"\(attr(c.link("/")))\">\(esc(c.text(.onCallNow)))</a>"
        if let scope = c.scope {
            let month = c.link("/month")
            header += " <a href=\"\(attr(month))\">\(esc(c.text(.monthRoster)))</a>"
            if let member = scope.viewer.member, scope.canOpen(member: member) {
                let name = scope.network.memberIndex[member].map { scope.network.members[$0].name } ?? member
                header += " <a href=\"\(attr(c.link("/members/\(pathComponent(member))")))\">\(esc(name))</a>"
            }
        }
        let other: ReportLanguage = l == .ja ? .en : .ja
        header += " <a class=\"lang\" href=\"\(attr(withLanguage(c.path, other)))\" lang=\"\(other.rawValue)\">\(other == .ja ? "日本語" : "English")</a>"
        if let scope = c.scope {
            header += "<form class=\"signout\" method=\"post\" action=\"/logout\"><span class=\"who\">\(esc(c.text(.signedInAs))) \(esc(scope.viewerName))</span> "
            header += "<button type=\"submit\">\(esc(c.text(.signOut)))</button></form>"
        }
        header += "</header>\n"
        var head = "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n"
        if let refreshSeconds { head += "<meta http-equiv=\"refresh\" content=\"\(refreshSeconds)\">\n" }
        return HTMLText.document(language: l, title: title, style: Self.style, body: header + "<main>\n" + body + "</main>\n", head: head)
    }

    /// `path` with its `lang` parameter set to `language`.
    private func withLanguage(_ path: String, _ language: ReportLanguage) -> String {
        var components = URLComponents(string: path) ?? URLComponents()
        var items = (components.queryItems ?? []).filter { $0.name != "lang" }
        items.append(URLQueryItem(name: "lang", value: language.rawValue))
        components.queryItems = items
        return components.string ?? "/?lang=\(language.rawValue)"
    }

    static let style = """
        body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif; margin: 0; color: #1a1a1a; line-height: 1.5; }
        header.site { display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; align-items: center; padding: 0.5em 1em; background: #1f4e79; color: #fff; }
        header.site a { color: #fff; }
        header.site .brand { font-weight: bold; }
        header.site form { margin-left: auto; }
        main { padding: 0.5em 1em 2em; max-width: 80em; }
        h1 { font-size: 1.4em; margin: 0.4em 0; }
        h2 { font-size: 1.2em; border-bottom: 2px solid #1f4e79; margin: 1.2em 0 0.5em; }
        h3 { font-size: 1.05em; margin: 0.2em 0; }
        .muted, .meta { color: #555; }
        .pools { display: grid; grid-template-columns: repeat(auto-fill, minmax(19em, 1fr)); gap: 0.8em; }
        .pool { border: 1px solid #bbb; border-radius: 6px; padding: 0.5em 0.8em; break-inside: avoid; }
        .shift { margin: 0.2em 0; }
        .next { margin: 0.4em 0 0; font-size: 0.92em; color: #333; }
        .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #999; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
        thead th { background: #e8eef4; }
        table.cover { width: 100%; }
        table.cover th { width: 3.5em; white-space: nowrap; }
        td.date, table.duties td { white-space: nowrap; }
        .facility { color: #444; font-size: 0.92em; }
        .contact { display: block; font-size: 0.92em; }
        .contact a { white-space: nowrap; margin-right: 0.8em; }
        .legend span { display: inline-block; padding: 0 0.5em; margin-right: 0.5em; border: 1px solid #999; }
        .legend .saturday { background: #eef4ff; } .legend .holiday { background: #ffeef0; } .legend .year-end { background: #ffe0b3; }
        .feed-url { word-break: break-all; font-family: monospace; background: #f4f4f4; padding: 0.3em; }
        .error { color: #a00; font-weight: bold; }
        .notice { background: #eef7ee; border: 1px solid #7a7; padding: 0.4em 0.8em; }
        dl.page-facts dt { font-weight: bold; margin-top: 0.4em; } dl.page-facts dd { margin: 0 0 0 1em; }
        dd.note { white-space: pre-wrap; }
        button.answer, button.escalate { font-size: 1.3em; padding: 0.6em 1.2em; }
        textarea { font-size: 1em; width: 100%; max-width: 30em; box-sizing: border-box; }
        .skipped { color: #666; font-size: 0.92em; }
        nav.months { display: flex; gap: 1.5em; margin: 0.5em 0; }
        form.inline { display: inline; }
        input[type=password], input[type=text] { font-size: 1em; padding: 0.3em; width: 100%; max-width: 30em; box-sizing: border-box; }
        button { font-size: 1em; padding: 0.3em 0.9em; }
        \(RosterGridHTML.rowStyles)
        @media (max-width: 40em) {
          main { padding: 0.3em 0.5em 1em; }
          th, td { padding: 0.2em 0.3em; }
          header.site form { margin-left: 0; }
        }
        @media print {
          @page { size: A4 landscape; margin: 10mm; }
          header.site, form, nav.months, .noprint { display: none; }
          body { font-size: 9pt; line-height: 1.25; }
          main { max-width: none; padding: 0; }
          h1 { font-size: 13pt; margin: 0 0 1mm; }
          h2 { font-size: 11pt; margin: 2mm 0 1mm; }
          .meta, .legend { margin: 0 0 1mm; }
          .month-pool table { width: 100%; }
          th, td { padding: 0.3mm 1.5mm; }
          .scroll { overflow: visible; }
          section.month-pool { break-after: page; }
          section.month-pool:last-child { break-after: auto; }
          tr, .pool { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}

/// Escaped element text.
func esc(_ text: String) -> String { HTMLText.escape(text) }
/// Escaped attribute value (the same escaping; named apart so intent reads at the call).
func attr(_ text: String) -> String { HTMLText.escape(text) }
/// An id as one path segment.
func pathComponent(_ id: String) -> String { id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id }

/// Page responses: HTML that no cache keeps (it names people and their phones), no frame shows, and
/// that runs no script (the CSP allows inline style only).
enum WebResponse {
    static func html(_ text: String, status: HTTPResponse.Status = .ok, cookies: [Cookie] = []) -> Response {
        var response = Response(status: status, headers: headers(contentType: "text/html; charset=utf-8"), body: .init(byteBuffer: ByteBuffer(string: text)))
        for c in cookies { response.setCookie(c) }
        return response
    }

    /// 303 See Other: after a form, or to the login page.
    static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var h = headers(contentType: "text/plain; charset=utf-8")
        h[.location] = location
        var response = Response(status: .seeOther, headers: h)
        for c in cookies { response.setCookie(c) }
        return response
    }

    private static func headers(contentType: String) -> HTTPFields {
        var h: HTTPFields = [:]
        h[.contentType] = contentType
        h[.cacheControl] = "no-store"
        h[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        h[.xContentTypeOptions] = "nosniff"
        // Member pages carry feed addresses with their key: never pass the page's address on.
        h[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return h
    }
}
