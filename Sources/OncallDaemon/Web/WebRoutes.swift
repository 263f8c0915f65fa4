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
extension DaemonAPI {
    func addWebRoutes(_ router: Router<DaemonRequestContext>) {
        router.get("/") { request, _ in
            try await self.page(request) { context, scope in
                var at = self.clock.now
                if let text = request.uri.queryParameters.get("at") {
                    guard let given = try? parseInstant(String(text), field: "at") else {
                        return self.message(context, "\(context.text(.badRequest)): at=\(text)", status: .badRequest)
                    }
                    at = given
                }
                return WebResponse.html(TonightPage(context: context, scope: scope, resolver: await self.book.resolver, at: at).render())
            }
        }
        router.get("/month") { request, _ in
            try await self.page(request) { context, _ in
                let today = await self.book.resolver.local(self.clock.now).0
                return WebResponse.redirect(context.link("/month/\(today.yearMonth)"))
            }
        }
        router.get("/month/:month") { request, route in
            try await self.page(request) { context, scope in
                let text = try route.parameters.decoded("month")
                guard let month = YearMonth(text) else {
                    return self.message(context, "\(context.text(.badRequest)): \(text)", status: .badRequest)
                }
                let roster = await self.book.rosterInForce(month)
                let html = MonthPage(context: context, scope: scope, month: month, roster: roster).render()
                return WebResponse.html(html, status: roster == nil ? .notFound : .ok)
            }
        }
        router.get("/members/:id") { request, route in
            try await self.page(request) { context, scope in
                let id = try route.parameters.decoded("id")
                guard let member = self.network.memberIndex[id].map({ self.network.members[$0] }) else {
                    return self.message(context, context.text(.notFound), status: .notFound)
                }
                guard scope.canOpen(member: id) else { return self.message(context, context.text(.forbidden), status: .forbidden) }
                let this = await self.book.resolver.local(self.clock.now).0.yearMonth
                var months: [(YearMonth, Roster?)] = []
                for month in [this, this.next] { months.append((month, await self.book.rosterInForce(month))) }
                var feeds: [(id: String, url: String)] = []
                if scope.canSeeFeed(of: id) {
                    for key in try await self.store.activeFeedKeys(kind: .member, subject: id) {
                        feeds.append((key.id, self.siteURL(request) + self.feedPath(.member, id, key: self.feedKeys.key(id: key.id))))
                    }
                }
                return WebResponse.html(MemberPage(context: context, scope: scope, member: member, months: months, feeds: feeds).render())
            }
        }
        router.post("/members/:id/feed-key") { request, route in
            if let refused = self.foreignForm(request, self.anonymousContext(request)) { return refused }
            return try await self.page(request) { context, scope in
                let id = try route.parameters.decoded("id")
                guard scope.isAdmin else { return self.message(context, context.text(.forbidden), status: .forbidden) }
                guard self.network.memberIndex[id] != nil else { return self.message(context, context.text(.notFound), status: .notFound) }
                _ = try await self.createFeedKey(.member, subject: id, actor: scope.viewer.actor)
                return WebResponse.redirect(context.link("/members/\(pathComponent(id))"))
            }
        }
        router.post("/members/:id/feed-key/revoke") { request, route in
            if let refused = self.foreignForm(request, self.anonymousContext(request)) { return refused }
            return try await self.page(request) { context, scope in
                let id = try route.parameters.decoded("id")
                guard scope.isAdmin else { return self.message(context, context.text(.forbidden), status: .forbidden) }
                guard let form = try await self.form(request) else { return self.message(context, context.text(.badForm), status: .badRequest) }
                // Only a key of this member's feed, whatever id the form carries.
                if let keyID = form["id"], let key = try await self.store.feedKey(id: keyID), key.kind == .member, key.subject == id {
                    _ = try await self.revokeFeedKey(key.id, actor: scope.viewer.actor)
                }
                return WebResponse.redirect(context.link("/members/\(pathComponent(id))"))
            }
        }
        router.get("/login") { request, _ in
            let context = self.anonymousContext(request)
            let next = WebSession.safeNext(request.uri.queryParameters.get("next"))
            return WebResponse.html(LoginPage(context: context, next: next, failed: false).render())
        }
        router.post("/login") { request, requestContext in
            var context = self.anonymousContext(request)
            if let refused = self.foreignForm(request, context) { return refused }
            // Counted by the connection's address: behind a reverse proxy, all clients share the proxy's.
            let address = requestContext.remoteAddress?.ipAddress ?? "unknown"
            let now = self.clock.now
            if let wait = self.loginThrottle.retryAfter(address, now: now) {
                var refused = self.message(context, context.text(.tooManySignIns), status: .tooManyRequests)
                refused.headers[.retryAfter] = "\(wait)"
                return refused
            }
            guard let form = try await self.form(request) else { return self.message(context, context.text(.badForm), status: .badRequest) }
            if let lang = form["lang"].flatMap(ReportLanguage.init(rawValue:)) {
                context.language = lang
                context.languageFromQuery = true
            }
            let next = WebSession.safeNext(form["next"])
            guard let token = form["token"]?.trimmingCharacters(in: .whitespacesAndNewlines), self.auth.grants[token] != nil else {
                self.loginThrottle.recordFailure(address, now: now)
                return WebResponse.html(LoginPage(context: context, next: next, failed: true).render(), status: .unauthorized)
            }
            let target = next.contains("lang=") ? next : context.link(next)
            let cookie = try await WebSession.start(token: token, store: self.store, now: now, secure: self.secureCookies)
            return WebResponse.redirect(target, cookies: [cookie])
        }
        router.post("/logout") { request, _ in
            let context = self.anonymousContext(request)
            if let refused = self.foreignForm(request, context) { return refused }
            try await WebSession.end(request, store: self.store)
            return WebResponse.redirect(context.link("/login"), cookies: [WebSession.cleared(secure: self.secureCookies)])
        }
    }

    /// Runs `render` for a signed-in viewer; sends everyone else to the login form, and answers an
    /// unknown bearer token with 401.
    func page(_ request: Request, _ render: (PageContext, ViewerScope) async throws -> Response) async throws -> Response {
        var context = anonymousContext(request)
        switch try await WebSession.viewer(request, auth: auth, store: store, now: clock.now) {
        case .anonymous:
            let next = context.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? "/"
            return WebResponse.redirect(context.link("/login?next=\(next)"), cookies: request.cookies[WebSession.cookieName] == nil ? [] : [WebSession.cleared(secure: secureCookies)])
        case .unknownBearer:
            return message(context, context.text(.signInFailed), status: .unauthorized)
        case .signedIn(let principal):
            let scope = ViewerScope(viewer: principal, resolver: await book.resolver)
            context.scope = scope
            return try await render(context, scope)
        }
    }

    func anonymousContext(_ request: Request) -> PageContext {
        let (language, fromQuery) = ReportLanguage.negotiate(
            query: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage])
        return PageContext(scope: nil, language: language, languageFromQuery: fromQuery, path: request.uri.path + (request.uri.query.map { "?\($0)" } ?? ""))
    }

    func message(_ context: PageContext, _ text: String, status: HTTPResponse.Status) -> Response {
        WebResponse.html(MessagePage(context: context, message: text).render(), status: status)
    }

    /// The fields of an `application/x-www-form-urlencoded` body; nil when the body is not one (answer 400).
    func form(_ request: Request) async throws -> [String: String]? {
        FormBody.fields(try await request.bodyData())
    }

    /// Cookies only over https when the daemon's public address is https.
    private var secureCookies: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }
}
