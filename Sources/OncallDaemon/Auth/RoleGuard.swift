// SPDX-License-Identifier: GPL-3.0-or-later
import Hummingbird
import HummingbirdAuth

/// Lets a route group's requests through only for the given roles: 401 without a caller, 403 for another role.
///
/// What a role may see inside a route (a facility its own patients, a call centre its districts) is the
/// route's business; which roles may call it at all is decided here, once per group.
struct RoleGuard: RouterMiddleware {
    typealias Context = DaemonRequestContext
    static let tokenRequired = "Authorization: Bearer TOKEN is required"
    let roles: Set<Principal.Role>

    init(_ roles: Principal.Role...) { self.roles = Set(roles) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let caller = context.identity else { throw APIError(.unauthorized, Self.tokenRequired) }
        guard roles.contains(caller.role) else { throw APIError(.forbidden, "a \(caller.role.rawValue) token cannot do this") }
        return try await next(request, context)
    }
}
