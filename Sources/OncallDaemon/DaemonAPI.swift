// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import OncallNotifiers
import OncallStore
import RosterModel

/// Everything the HTTP handlers need; the routes live in one extension per resource.
public struct DaemonAPI: Sendable {
    public let store: any OncallStore
    public let book: RosterBook
    public let engine: EscalationEngine
    public let auth: TokenAuthority
    public let policy: EscalationPolicy
    public let links: AckLinks
    public let clock: any WallClock
    public let metrics: DaemonMetrics?
    /// `public_url` from the config: feed addresses start with it; cookies are Secure when it is https.
    public var publicURL: String?
    public var network: Network { book.network }
    /// Pool members with no channel to page them, per pool (see `UnreachableMembers`).
    let unreachableMembers: [String: Int]
    /// Failed sign-ins per client address, on the API's clock.
    let loginThrottle = LoginThrottle()

    public init(
        store: any OncallStore, book: RosterBook, engine: EscalationEngine, auth: TokenAuthority, policy: EscalationPolicy,
        links: AckLinks, clock: any WallClock, metrics: DaemonMetrics? = nil
    ) {
        self.metrics = metrics
        self.store = store
        self.book = book
        self.engine = engine
        self.auth = auth
        self.policy = policy
        self.links = links
        self.clock = clock
        self.unreachableMembers = UnreachableMembers.countByPool(in: book.network)
    }

    /// The router with every route of the API; with `accessLog`, a line for each request goes there.
    public func router(accessLog: Logger? = nil) -> Router<DaemonRequestContext> {
        let router = Router(context: DaemonRequestContext.self)
        // First: middleware applies only to the routes added after it.
        if let accessLog { router.add(middleware: AccessLog(logger: accessLog, auth: auth, store: store, clock: clock)) }
        addHealthRoutes(router)
        addOpenAPIRoute(router)
        addRosterRoutes(router)
        addCoverageRoutes(router)
        addOverrideRoutes(router)
        addEscalationRoutes(router)
        addPatientRoutes(router)
        addCallCentreRoutes(router)
        addFeedRoutes(router)
        addWebRoutes(router)
        return router
    }
}

/// Builds the whole daemon: store, roster book, engine, HTTP app, as services of one application.
public enum DaemonBuilder {
    public struct Options: Sendable {
        public var network: Network
        /// `--db`: a SQLite file or a `postgres://` address.
        public var database: String
        public var host: String
        public var port: Int
        public var config: DaemonConfig
        public var ackTimeout: Double?
        public init(network: Network, database: String, host: String, port: Int, config: DaemonConfig, ackTimeout: Double?) {
            self.network = network
            self.database = database
            self.host = host
            self.port = port
            self.config = config
            self.ackTimeout = ackTimeout
        }
    }

    public static func build(_ o: Options, logger: Logger, notifier: (any Notifier)? = nil, clock: any WallClock = SystemWallClock()) async throws
        -> some ApplicationProtocol
    {
        let opened = try await OpenedStore.open(o.database, logger: logger)
        let store = opened.store
        let book = RosterBook(network: o.network, store: store, logger: logger)
        try await book.reload()
        let links = AckLinks(
            baseURL: o.config.publicURL ?? "http://\(o.host):\(o.port)", secret: try await linkSecret(o.config, store: store, logger: logger))
        let notifier: any Notifier =
            if let notifier { notifier } else { o.config.channelRouter(webhookSecret: try await webhookSecret(o.config, store: store, logger: logger)) }
        var engineLogger = logger
        engineLogger[metadataKey: "service"] = "engine"
        let metrics = DaemonMetrics()
        let engine = EscalationEngine(
            store: store, notifier: notifier, clock: clock, links: links, logger: engineLogger, metrics: metrics, owner: opened.engineOwner)
        var api = DaemonAPI(
            store: store, book: book, engine: engine,
            auth: TokenAuthority(adminToken: o.config.adminToken, grants: o.config.tokens),
            policy: o.config.policy(ackTimeout: o.ackTimeout), links: links, clock: clock, metrics: metrics)
        api.publicURL = o.config.publicURL
        for (pool, count) in api.unreachableMembers.sorted(by: { $0.key < $1.key }) {
            logger.warning(
                "pool members without any channel: a step that pages them reaches nobody and is passed at once",
                metadata: ["pool": "\(pool)", "members": "\(count)"])
        }
        // Idle connections are closed, one that never sends a request too, and at most max_connections are
        // served at once (the rest wait in the listen backlog): idle sockets cannot use up the descriptors.
        var app = Application(
            router: api.router(accessLog: .accessLog(level: logger.logLevel)),
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(o.config.http.idleTimeoutSeconds * 1000)))),
            configuration: .init(
                address: .hostname(o.host, port: o.port), serverName: "oncall",
                availableConnectionsDelegate: MaximumAvailableConnections(o.config.http.maxConnections)),
            logger: logger)
        // Stopped in reverse: the server, then the engine (its sends finish), the book, and last the store.
        if let service = opened.service { app.addServices(service) }
        app.addServices(book, engine)
        return app
    }
}
