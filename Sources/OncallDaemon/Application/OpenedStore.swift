// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Logging
import OncallStore
import OncallStorePostgres
import ServiceLifecycle

/// `--db`: a SQLite file (one daemon) or a `postgres://` address (several daemons on one database).
public struct OpenedStore: Sendable {
    public var store: any OncallStore
    /// What must run for the store to work, and stop after everything that uses it (the PostgreSQL pool).
    public var service: (any Service)?
    /// The engine's name in claims: one fixed name on a SQLite file, which only one daemon opens (so after a
    /// restart it takes its own claims back at once); a name of its own per process on PostgreSQL.
    public var engineOwner: String

    /// Opens the store `--db` names. With `readOnly`, a live daemon's database is read and never migrated or written.
    public static func open(_ db: String, readOnly: Bool = false, logger: Logger) async throws -> OpenedStore {
        if PostgresAddress.isPostgres(db) {
            var storeLogger = logger
            storeLogger[metadataKey: "service"] = "store"
            let store = try await PostgresStore.connect(try PostgresAddress(db), migrate: !readOnly, logger: storeLogger)
            let owner = "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(StoreSecret.random().prefix(6))"
            return OpenedStore(store: store, service: store, engineOwner: owner)
        }
        let store = readOnly ? try SQLiteStore(readingOnly: db) : try SQLiteStore(path: db)
        return OpenedStore(store: store, service: nil, engineOwner: "local")
    }

    /// Closes a PostgreSQL pool (a one-shot command's); a SQLite file needs nothing.
    public func close() { (store as? PostgresStore)?.close() }
}
