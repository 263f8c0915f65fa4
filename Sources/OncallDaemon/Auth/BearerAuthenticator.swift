// SPDX-License-Identifier: GPL-3.0-or-later
import Hummingbird
import HummingbirdAuth

/// Authenticates the API's callers by `Authorization: Bearer TOKEN`.
///
/// No header: the request goes on unauthenticated (a `RoleGuard` then answers 401). A token the config does
/// not know is refused here, at once, so no handler runs for it.
struct BearerAuthenticator: AuthenticatorMiddleware {
    typealias Context = DaemonRequestContext
    let tokens: TokenAuthority

    func authenticate(request: Request, context: Context) async throws -> Principal? {
        guard let bearer = request.headers.bearer else { return nil }
        guard let principal = tokens.principal(token: bearer.token) else { throw APIError(.unauthorized, "unknown token") }
        context.callerNote.note(principal.role)
        return principal
    }
}
