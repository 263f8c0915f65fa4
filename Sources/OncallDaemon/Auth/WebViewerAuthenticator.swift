// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import HummingbirdAuth
import OncallStore

/// Authenticates the viewer of a web page: a bearer token, or the session the login form started
/// (`WebSession`). Nobody signed in: the request goes on without a viewer and the page sends to `/login`.
/// An unknown bearer token is refused with a page in the viewer's language.
struct WebViewerAuthenticator<Store: OncallStore>: AuthenticatorMiddleware {
    typealias Context = DaemonRequestContext
    let tokens: TokenAuthority
    let store: Store
    let clock: any WallClock

    func authenticate(request: Request, context: Context) async throws -> Principal? {
        switch try await WebSession.viewer(request, auth: tokens, store: store, now: clock.now) {
        case .signedIn(let principal):
            context.callerNote.note(principal.role)
            return principal
        case .anonymous: return nil
        case .unknownBearer: throw PageRefusal(status: .unauthorized, text: .signInFailed)
        }
    }
}

/// A refusal answered as a page (not JSON), in the language the request asks for.
struct PageRefusal: HTTPResponseError {
    var status: HTTPResponse.Status
    var text: WebText.Key

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let page = PageContext(request)
        return WebResponse.html(MessagePage(context: page, message: page.text(text)).render(), status: status)
    }
}
