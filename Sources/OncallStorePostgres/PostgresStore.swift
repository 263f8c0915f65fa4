// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Logging
import OncallStore
import PostgresNIO
import ServiceLifecycle

/// The daemon's durable state on a PostgreSQL server that several daemons share.
///
/// Each conditional write locks the rows it decides on (`FOR UPDATE`) in its transaction, which is what
/// SQLite's single writer gives for free: an answer and a page attempt for one escalation are serialised,
/// two daemons never claim one escalation (`FOR UPDATE SKIP LOCKED`), and every commit that others must
/// see at once sends a notification (`pg_notify`, delivered on commit) that `changes()` hands on.
///
/// The connection pool reconnects by itself when the server comes back; until then every call fails
/// (and `/health` says 503). Run it as a `Service` (or call `close()`) so the pool shuts down cleanly.
public final class PostgresStore: OncallStore, Service {
    let client: PostgresClient
    let logger: Logger
    let feed = ChangeFeed()
    static let channel = "oncall_changes"
    private let poolTask: Task<Void, Never>
    private let listenTask: Task<Void, Never>

    /// Connects to `address`, migrates the schema (once, whichever daemons start together) unless
    /// `migrate` is false, and starts following other daemons' changes.
    public static func connect(_ address: PostgresAddress, migrate: Bool = true, logger: Logger) async throws -> PostgresStore {
        let store = PostgresStore(client: PostgresClient(configuration: try address.configuration(), backgroundLogger: logger), logger: logger)
        do {
            let client = store.client
            if migrate {
                try await store.bounded(seconds: migrateTimeout) { try await PostgresMigrations.migrate(client, logger: logger) }
            } else if try await !store.bounded({ try await PostgresMigrations.isCurrent(client, logger: logger) }) {
                throw StoreError(.schemaNotCurrent, "\(address) was written by another version of oncalld: start `oncalld serve` on it once")
            }
        } catch let error as StoreError {
            store.close()
            throw error
        } catch {
            store.close()
            throw StoreError(.unavailable, "cannot use the database at \(address): \(String(reflecting: error))")
        }
        return store
    }

    private init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
        poolTask = Task { await client.run() }
        let feed = self.feed
        listenTask = Task { await PostgresStore.follow(client: client, feed: feed, logger: logger) }
    }

    /// Runs until graceful shutdown, then closes the pool: started last-but-one, stopped after the engine.
    public func run() async throws {
        try? await gracefulShutdown()
        close()
    }

    public func close() {
        listenTask.cancel()
        poolTask.cancel()
        feed.finish()
    }

    public func changes() -> AsyncStream<StoreChange> { feed.subscribe() }

    /// Holds one connection that LISTENs, reconnecting with backoff; after every (re)connection it posts
    /// every kind of change, because what was notified while it was away is lost.
    static func follow(client: PostgresClient, feed: ChangeFeed, logger: Logger) async {
        var backoff = 0.1
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: channel) { notifications in
                        backoff = 0.1
                        for change in StoreChange.allCases { feed.post(change) }
                        for try await notification in notifications {
                            if let change = StoreChange(rawValue: notification.payload) { feed.post(change) }
                        }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("lost the database's change notifications; reconnecting", metadata: ["retry_in_s": "\(backoff)"])
            }
            try? await Task.sleep(for: .seconds(backoff))
            backoff = min(backoff * 2, 5)
        }
    }

    // MARK: Helpers

    /// How long any call may wait for the database: a server that is down must make the daemon say so
    /// (`/health` 503, the engine retrying at its next look), not hang on a connection that never comes.
    static let callTimeout: Double = 10
    /// How long migrating at start may take: once, one round trip per statement (a few dozen), in one
    /// transaction; several daemons (or tests) migrating at once on a busy machine need more than one call's bound.
    static let migrateTimeout: Double = 30

    /// Runs `body` with the pool, failing after `seconds` (the pool gives up the lease it was waiting for).
    func bounded<T: Sendable>(seconds: Double = PostgresStore.callTimeout, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withDeadline(seconds: seconds, else: StoreError(.unavailable, "the database did not answer within \(seconds) s"), body)
    }

    /// Runs `body` in a transaction; `notify` changes are sent to every daemon when it commits.
    func transaction<T: Sendable>(
        notifying notify: [StoreChange] = [], _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let client = self.client, logger = self.logger
        return try await bounded {
            try await client.withTransaction(logger: logger) { connection -> T in
                let value = try await body(connection)
                for change in notify { try await Self.notify(change, on: connection, logger: logger) }
                return value
            }
        }
    }

    /// Tells every daemon listening that `change` happened, when the transaction on `connection` commits.
    static func notify(_ change: StoreChange, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_notify(\(channel), \(change.rawValue))", logger: logger)
    }

    /// The rows of `query`, decoded: on `connection` (inside a transaction), else on a pooled one, bounded.
    func rows<T: Sendable>(
        _ query: PostgresQuery, on connection: PostgresConnection? = nil, _ decode: @escaping @Sendable (PostgresRow) throws -> T
    ) async throws -> [T] {
        let logger = self.logger
        @Sendable func collect(_ sequence: PostgresRowSequence) async throws -> [T] {
            var out: [T] = []
            for try await row in sequence { out.append(try decode(row)) }
            return out
        }
        if let connection { return try await collect(try await connection.query(query, logger: logger)) }
        let client = self.client
        return try await bounded { try await collect(try await client.query(query, logger: logger)) }
    }

    /// Runs a statement on a pooled connection, bounded.
    func execute(_ query: PostgresQuery) async throws {
        let client = self.client, logger = self.logger
        try await bounded { _ = try await client.query(query, logger: logger) }
    }

    func audit(_ entry: AuditEntry, on connection: PostgresConnection) async throws {
        try await connection.query(
            "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (\(entry.at), \(entry.actor), \(entry.action), \(entry.subject), \(entry.detail))",
            logger: logger)
    }

    // MARK: Secrets

    public func secret(named name: String) async throws -> String {
        try await transaction { connection in
            try await connection.query(
                "INSERT INTO daemon_secret (name, value) VALUES (\(name), \(StoreSecret.random())) ON CONFLICT (name) DO NOTHING", logger: self.logger)
            let values = try await self.rows("SELECT value FROM daemon_secret WHERE name = \(name)", on: connection) { try $0.decode(String.self) }
            guard let value = values.first else { throw StoreError(.unavailable, "the secret \(name) was not kept") }
            return value
        }
    }

    public func auditLog() async throws -> [AuditEntry] {
        try await rows("SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY id", AuditEntry.init(row:))
    }
}
