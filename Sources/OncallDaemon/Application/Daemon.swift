// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import OncallNotifiers
import OncallStore
import RosterModel
import ServiceLifecycle

/// The daemon's parts, wired once: the roster book, the escalation engine, the services and the routes over
/// one store. `buildApplication` serves it; tests build the same value over a test store, clock and notifier.
public struct Daemon<Store: OncallStore>: Sendable {
    public let settings: DaemonSettings
    public let store: Store
    public let book: RosterBook
    public let engine: EscalationEngine
    public let metrics: DaemonMetrics
    public let clock: any WallClock
    let tokens: TokenAuthority
    let links: AckLinks
    let loginThrottle = LoginThrottle()
    /// Pool members with no channel to page them, per pool (see `UnreachableMembers`).
    let unreachableMembers: [String: Int]
    public var network: Network { book.network }

    /// - Parameters:
    ///   - notifier: what sends pages; nil for the channels the config sets up.
    ///   - engineOwner: this daemon's name in claims (`OpenedStore.engineOwner`).
    public init(
        _ settings: DaemonSettings, store: Store, notifier: (any Notifier)? = nil, clock: any WallClock = SystemWallClock(),
        logger: Logger = Logger(label: "oncall.daemon"), engineOwner: String = "local"
    ) async throws {
        self.settings = settings
        self.store = store
        self.clock = clock
        let book = RosterBook(network: settings.network, store: store, logger: logger)
        try await book.reload()
        self.book = book
        let links = AckLinks(baseURL: settings.publicBaseURL, secret: try await DaemonSecrets.linkSecret(settings.config, store: store, logger: logger))
        self.links = links
        let sender: any Notifier =
            if let notifier { notifier } else {
                settings.config.channelRouter(webhookSecret: try await DaemonSecrets.webhookSecret(settings.config, store: store, logger: logger))
            }
        let metrics = DaemonMetrics()
        self.metrics = metrics
        var engineLogger = logger
        engineLogger[metadataKey: "service"] = "engine"
        let tuning = settings.engine
        engine = EscalationEngine(
            store: store, notifier: sender, clock: clock, links: links, logger: engineLogger, maximumSleep: tuning.maximumSleep,
            attemptsPerChannel: tuning.attemptsPerChannel, retryBackoff: tuning.retryBackoff, metrics: metrics, owner: engineOwner,
            lease: tuning.lease)
        tokens = TokenAuthority(adminToken: settings.config.adminToken, grants: settings.config.tokens)
        unreachableMembers = UnreachableMembers.countByPool(in: settings.network)
        for (pool, count) in unreachableMembers.sorted(by: { $0.key < $1.key }) {
            logger.warning(
                "pool members without any channel: a step that pages them reaches nobody and is passed at once",
                metadata: ["pool": "\(pool)", "members": "\(count)"])
        }
    }

    // MARK: Services

    var escalations: EscalationService<Store> {
        EscalationService(store: store, book: book, engine: engine, policy: settings.policy, clock: clock, metrics: metrics)
    }
    var patients: PatientDirectory<Store> { PatientDirectory(store: store, book: book, policy: settings.policy) }
    var overrides: OverrideService<Store> { OverrideService(store: store, book: book, clock: clock) }
    var feedKeys: FeedKeyService<Store> {
        FeedKeyService(store: store, network: network, clock: clock, feedKeys: FeedKeys(secret: links.secret), publicURL: settings.config.publicURL)
    }
    var site: WebSite { WebSite(book: book, publicURL: settings.config.publicURL) }

    // MARK: Routes

    /// Every route, each resource's controller on its group; with `accessLog`, a line for each request goes there.
    ///
    /// Open: `/health`, `/metrics`, `/v1/openapi.yaml`; the signed acknowledge links and the feeds (their
    /// signature or key is the authority). Bearer tokens: the rest of `/v1`, each group behind a `RoleGuard`.
    /// The pages: a bearer token or a session (`WebViewerAuthenticator`).
    public func router(accessLog: Logger? = nil) -> Router<DaemonRequestContext> {
        let router = Router(context: DaemonRequestContext.self)
        // First: middleware applies only to the routes added after it.
        if let accessLog { router.add(middleware: AccessLog(logger: accessLog, auth: tokens, store: store, clock: clock)) }
        HealthController(store: store, book: book, clock: clock, metrics: metrics, unreachableMembers: unreachableMembers)
            .addRoutes(to: router)
        OpenAPIController().addRoutes(to: router)

        let v1 = router.group("v1")
        AnswerLinkController(escalations: escalations, links: links, site: site).addRoutes(to: v1.group("links"))
        let feeds = FeedController(keys: feedKeys, book: book)
        feeds.addFeedRoutes(to: v1.group("ical"))

        let api = v1.group().add(middleware: BearerAuthenticator(tokens: tokens))
        RosterController(store: store, book: book, clock: clock).addRoutes(to: api.group("rosters"))
        OverrideController(overrides: overrides).addRoutes(to: api.group("overrides"))
        CoverageController(book: book, clock: clock).addRoutes(to: api)
        EscalationController(escalations: escalations).addRoutes(to: api.group("escalations"))
        PatientController(patients: patients, clock: clock).addRoutes(to: api.group("patients"))
        feeds.addKeyRoutes(to: api.group("ical/keys"))

        let web = WebController(
            site: site, store: store, feeds: feedKeys, tokens: tokens, clock: clock, loginThrottle: loginThrottle)
        web.addSignInRoutes(to: router.group())
        let viewer = WebViewerAuthenticator(tokens: tokens, store: store, clock: clock)
        web.addPageRoutes(to: router.group().add(middleware: viewer))
        CallCentreController(site: site, patients: patients, escalations: escalations, clock: clock)
            .addRoutes(to: router.group("call-centre").add(middleware: viewer))
        return router
    }

}

/// What `buildApplication` returns: Hummingbird's application over the daemon's router.
public typealias DaemonApplication = Application<RouterResponder<DaemonRequestContext>>

/// The daemon as one Hummingbird application: the routes on `settings.host:port`, the roster book and the
/// engine as its services, and `storeService` (a PostgreSQL pool's LISTEN loop) stopped last.
///
/// Stopped in reverse: the server, then the engine (its sends finish), the book, and last the store.
public func buildApplication<Store: OncallStore>(
    settings: DaemonSettings, store: Store, notifier: (any Notifier)? = nil, clock: any WallClock = SystemWallClock(),
    logger: Logger, engineOwner: String = "local", storeService: (any Service)? = nil
) async throws -> DaemonApplication {
    let daemon = try await Daemon(settings, store: store, notifier: notifier, clock: clock, logger: logger, engineOwner: engineOwner)
    let http = settings.config.http
    // Idle connections are closed, one that never sends a request too, and at most max_connections are
    // served at once (the rest wait in the listen backlog): idle sockets cannot use up the descriptors.
    var app = Application(
        router: daemon.router(accessLog: .accessLog(level: logger.logLevel)),
        server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(http.idleTimeoutSeconds * 1000)))),
        configuration: .init(
            address: .hostname(settings.host, port: settings.port), serverName: "oncall",
            availableConnectionsDelegate: MaximumAvailableConnections(http.maxConnections)),
        logger: logger)
    if let storeService { app.addServices(storeService) }
    app.addServices(daemon.book, daemon.engine)
    return app
}

/// Opens `--db` and builds the application over it: what `oncalld serve` runs.
public func buildApplication(
    settings: DaemonSettings, database: String, notifier: (any Notifier)? = nil, clock: any WallClock = SystemWallClock(), logger: Logger
) async throws -> some ApplicationProtocol {
    let opened = try await OpenedStore.open(database, logger: logger)
    return try await buildApplication(
        settings: settings, store: opened.store, notifier: notifier, clock: clock, logger: logger, engineOwner: opened.engineOwner,
        storeService: opened.service)
}
