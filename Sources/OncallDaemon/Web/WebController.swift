// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallCalendar
import OncallStore
import RosterModel

/// The web pages: server-rendered HTML, no script, the same tokens as the API.
///
/// `/` who is on call now, `/month/YYYY-MM` the month's grids, `/members/{id}` a member's duties and
/// feed; `/login` and `/logout`. Without a session the pages send to `/login` (303).
struct WebController<Store: OncallStore>: Sendable {
    let site: WebSite
    let store: Store
    let feeds: FeedKeyService<Store>
    let tokens: TokenAuthority
    let clock: any WallClock
    /// Failed sign-ins per client address.
    let loginThrottle: LoginThrottle
    var book: RosterBook { site.book }
    var network: Network { site.network }

    /// The pages, behind a `WebViewerAuthenticator`.
    func addPageRoutes(to pages: RouterGroup<DaemonRequestContext>) {
        pages.get("/", use: tonight)
        pages.get("/month") { request, requestContext in
            try await site.page(request, requestContext) { context, _ in
                let today = await book.resolver.local(clock.now).0
                return WebResponse.redirect(context.link("/month/\(today.yearMonth)"))
            }
        }
        pages.get("/month/:month", use: month)
        pages.get("/members/:id", use: member)
        pages.post("/members/:id/feed-key", use: createFeedKey)
        pages.post("/members/:id/feed-key/revoke", use: revokeFeedKey)
    }

    /// Signing in and out: no viewer needed.
    func addSignInRoutes(to group: RouterGroup<DaemonRequestContext>) {
        group.get("/login") { request, _ in
            let next = WebSession.safeNext(request.uri.queryParameters.get("next"))
            return WebResponse.html(LoginPage(context: site.anonymousContext(request), next: next, failed: false).render())
        }
        group.post("/login", use: signIn)
        group.post("/logout") { request, _ in
            let context = site.anonymousContext(request)
            if let refused = site.foreignForm(request, context) { return refused }
            try await WebSession.end(request, store: store)
            return WebResponse.redirect(context.link("/login"), cookies: [WebSession.cleared(secure: site.secureCookies)])
        }
    }

    @Sendable func tonight(_ request: Request, context requestContext: DaemonRequestContext) async throws -> Response {
        try await site.page(request, requestContext) { context, scope in
            var at = clock.now
            if let text = request.uri.queryParameters.get("at") {
                guard let given = try? parseInstant(String(text), field: "at") else {
                    return site.message(context, "\(context.text(.badRequest)): at=\(text)", status: .badRequest)
                }
                at = given
            }
            return WebResponse.html(TonightPage(context: context, scope: scope, resolver: await book.resolver, at: at).render())
        }
    }

    @Sendable func month(_ request: Request, context requestContext: DaemonRequestContext) async throws -> Response {
        try await site.page(request, requestContext) { context, scope in
            let text = try requestContext.parameters.decoded("month")
            guard let month = YearMonth(text) else {
                return site.message(context, "\(context.text(.badRequest)): \(text)", status: .badRequest)
            }
            let roster = await book.rosterInForce(month)
            let html = MonthPage(context: context, scope: scope, month: month, roster: roster).render()
            return WebResponse.html(html, status: roster == nil ? .notFound : .ok)
        }
    }

    @Sendable func member(_ request: Request, context requestContext: DaemonRequestContext) async throws -> Response {
        try await site.page(request, requestContext) { context, scope in
            let id = try requestContext.parameters.decoded("id")
            guard let member = network.memberIndex[id].map({ network.members[$0] }) else {
                return site.message(context, context.text(.notFound), status: .notFound)
            }
            guard scope.canOpen(member: id) else { return site.message(context, context.text(.forbidden), status: .forbidden) }
            let this = await book.resolver.local(clock.now).0.yearMonth
            var months: [(YearMonth, Roster?)] = []
            for month in [this, this.next] { months.append((month, await book.rosterInForce(month))) }
            var links: [(id: String, url: String)] = []
            if scope.canSeeFeed(of: id) {
                for key in try await store.activeFeedKeys(kind: .member, subject: id) {
                    links.append((key.id, feeds.siteURL(request) + feeds.feedPath(.member, id, key: feeds.feedKeys.key(id: key.id))))
                }
            }
            return WebResponse.html(MemberPage(context: context, scope: scope, member: member, months: months, feeds: links).render())
        }
    }

    @Sendable func createFeedKey(_ request: Request, context requestContext: DaemonRequestContext) async throws -> Response {
        if let refused = site.foreignForm(request, site.anonymousContext(request)) { return refused }
        return try await site.page(request, requestContext) { context, scope in
            let id = try requestContext.parameters.decoded("id")
            guard scope.isAdmin else { return site.message(context, context.text(.forbidden), status: .forbidden) }
            guard network.memberIndex[id] != nil else { return site.message(context, context.text(.notFound), status: .notFound) }
            _ = try await feeds.createFeedKey(.member, subject: id, actor: scope.viewer.actor)
            return WebResponse.redirect(context.link("/members/\(pathComponent(id))"))
        }
    }

    @Sendable func revokeFeedKey(_ request: Request, context requestContext: DaemonRequestContext) async throws -> Response {
        if let refused = site.foreignForm(request, site.anonymousContext(request)) { return refused }
        return try await site.page(request, requestContext) { context, scope in
            let id = try requestContext.parameters.decoded("id")
            guard scope.isAdmin else { return site.message(context, context.text(.forbidden), status: .forbidden) }
            guard let form = try await site.form(request) else { return site.message(context, context.text(.badForm), status: .badRequest) }
            // Only a key of this member's feed, whatever id the form carries.
            if let keyID = form["id"], let key = try await store.feedKey(id: keyID), key.kind == .member, key.subject == id {
                _ = try await feeds.revokeFeedKey(key.id, actor: scope.viewer.actor)
            }
            return WebResponse.redirect(context.link("/members/\(pathComponent(id))"))
        }
    }

    @Sendable func signIn(_ request: Request, context requestContext: DaemonRequestContext) async throws -> Response {
        var context = site.anonymousContext(request)
        if let refused = site.foreignForm(request, context) { return refused }
        // Counted by the connection's address: behind a reverse proxy, all clients share the proxy's.
        let address = requestContext.remoteAddress?.ipAddress ?? "unknown"
        let now = clock.now
        if let wait = loginThrottle.retryAfter(address, now: now) {
            var refused = site.message(context, context.text(.tooManySignIns), status: .tooManyRequests)
            refused.headers[.retryAfter] = "\(wait)"
            return refused
        }
        guard let form = try await site.form(request) else { return site.message(context, context.text(.badForm), status: .badRequest) }
        if let lang = form["lang"].flatMap(ReportLanguage.init(rawValue:)) {
            context.language = lang
            context.languageFromQuery = true
        }
        let next = WebSession.safeNext(form["next"])
        guard let token = form["token"]?.trimmingCharacters(in: .whitespacesAndNewlines), tokens.principal(token: token) != nil else {
            loginThrottle.recordFailure(address, now: now)
            return WebResponse.html(LoginPage(context: context, next: next, failed: true).render(), status: .unauthorized)
        }
        let target = next.contains("lang=") ? next : context.link(next)
        let cookie = try await WebSession.start(token: token, store: store, now: now, secure: site.secureCookies)
        return WebResponse.redirect(target, cookies: [cookie])
    }
}
