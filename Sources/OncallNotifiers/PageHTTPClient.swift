// SPDX-License-Identifier: GPL-3.0-or-later
import AsyncHTTPClient
import NIOCore

/// The HTTP client webhook and SMS pages go through, shared by the whole process.
///
/// Sized for a burst to one receiver: a city's gateway may get a hundred pages at once, and with the
/// default eight connections per host the wait for a connection alone outlasted a page's deadline.
/// Connecting has its own short timeout, so a dead receiver fails over to the member's next channel quickly.
enum PageHTTPClient {
    static let connectionsPerHost = 128
    static let connectTimeout: TimeAmount = .seconds(2)

    static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: connectTimeout),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost))
        configuration.httpVersion = .http1Only
        // Never follow a redirect with a page: it would carry the acknowledge links somewhere else.
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
