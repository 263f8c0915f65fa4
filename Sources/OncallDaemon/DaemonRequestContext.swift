// SPDX-License-Identifier: GPL-3.0-or-later
import Hummingbird
import NIOCore

/// The router's request context: Hummingbird's basic one plus the client's address, by which failed
/// sign-ins are counted (`BasicRequestContext` does not keep the connection's address).
public struct DaemonRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer of the connection: behind a reverse proxy, the proxy.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
