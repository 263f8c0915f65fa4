// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import RosterModel

/// What every page route shares: the viewer's language, the message page, forms and their origin, and the
/// sign-in redirect for a page that needs a viewer.
struct WebSite: Sendable {
    let book: RosterBook
    /// `public_url` from the config: cookies are Secure when it is https, and forms may come from its host.
    let publicURL: String?
    var network: Network { book.network }

    /// Runs `render` for the viewer the route group's `WebViewerAuthenticator` found; sends everyone else to
    /// the login form (clearing a session cookie that no longer signs in).
    func page(
        _ request: Request, _ requestContext: DaemonRequestContext, _ render: (PageContext, ViewerScope) async throws -> Response
    ) async throws -> Response {
        var context = anonymousContext(request)
        guard let viewer = requestContext.identity else {
            let next = context.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? "/"
            return WebResponse.redirect(
                context.link("/login?next=\(next)"),
                cookies: request.cookies[WebSession.cookieName] == nil ? [] : [WebSession.cleared(secure: secureCookies)])
        }
        let scope = ViewerScope(viewer: viewer, resolver: await book.resolver)
        context.scope = scope
        return try await render(context, scope)
    }

    /// The page's language and address, before anyone is known to be looking.
    func anonymousContext(_ request: Request) -> PageContext { PageContext(request) }

    func message(_ context: PageContext, _ text: String, status: HTTPResponse.Status) -> Response {
        WebResponse.html(MessagePage(context: context, message: text).render(), status: status)
    }

    /// The fields of an `application/x-www-form-urlencoded` body; nil when the body is not one (answer 400).
    func form(_ request: Request) async throws -> [String: String]? {
        FormBody.fields(try await request.bodyData())
    }

    /// Cookies only over https when the daemon's public address is https.
    var secureCookies: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }
}

extension PageContext {
    /// The language the request asks for (`?lang=`, else Accept-Language) and its path, with no viewer yet.
    init(_ request: Request) {
        let (language, fromQuery) = ReportLanguage.negotiate(
            query: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage])
        self.init(scope: nil, language: language, languageFromQuery: fromQuery, path: request.uri.path + (request.uri.query.map { "?\($0)" } ?? ""))
    }
}
