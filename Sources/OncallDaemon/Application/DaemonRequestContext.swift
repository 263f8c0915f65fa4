// SPDX-License-Identifier: GPL-3.0-or-later
import Hummingbird
import HummingbirdAuth
import NIOCore

/// The router's request context: who is calling (set by the authenticator middleware of the route group),
/// and the client's address, by which failed sign-ins are counted (`BasicRequestContext` keeps neither).
public struct DaemonRequestContext: AuthRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, once a `BearerAuthenticator` or `WebViewerAuthenticator` has found them.
    public var identity: Principal?
    /// The peer of the connection: behind a reverse proxy, the proxy.
    public let remoteAddress: SocketAddress?
    /// The caller's role once authenticated, for the access log (shared by every copy of this context).
    let callerNote = CallerNote()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The caller of a route behind a `RoleGuard`.
    func caller() throws -> Principal {
        guard let identity else { throw APIError(.unauthorized, RoleGuard.tokenRequired) }
        return identity
    }
}
