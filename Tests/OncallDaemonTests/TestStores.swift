// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import Logging
import OncallStore
import OncallStorePostgres
import PostgresNIO
import Testing

/// The stores a store test runs against: SQLite always; PostgreSQL when the tests run under
/// `.ci/with-postgres` (which sets ONCALL_TEST_POSTGRES to a throwaway cluster's address).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [StoreKind] { TestPostgres.address == nil ? [.sqlite] : allCases }
    var testDescription: String { rawValue }
}

/// A store of one kind on a database of its own, removed with it.
final class TestStore: @unchecked Sendable {
    let kind: StoreKind
    /// Its `--db`: a file path or a postgres:// address. A second store opened on it is another daemon.
    let address: String
    private(set) var opened: [any OncallStore] = []
    private let directory: TempDirectory?

    init(_ kind: StoreKind) async throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            let dir = try TempDirectory()
            directory = dir
            address = dir.file("store.sqlite")
        case .postgres:
            directory = nil
            address = try await TestPostgres.freshDatabase()
        }
    }

    /// Opens (another connection to) the store, as a daemon would.
    func open() async throws -> any OncallStore {
        let store: any OncallStore
        switch kind {
        case .sqlite: store = try SQLiteStore(path: address)
        case .postgres: store = try await PostgresStore.connect(try PostgresAddress(address), logger: Logger(label: "test.store"))
        }
        opened.append(store)
        return store
    }

    /// Runs `sql` on the database directly, past the store: to see what the database itself refuses.
    func execute(_ sql: String) async throws {
        switch kind {
        case .sqlite:
            let queue = try DatabaseQueue(path: address)
            try await queue.write { db in try db.execute(sql: sql) }
        case .postgres:
            let logger = Logger(label: "test.postgres")
            let connection = try await TestPostgres.connect(address, id: 2)
            do {
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        }
    }

    deinit {
        for store in opened { (store as? PostgresStore)?.close() }
    }
}

enum TestPostgres {
    static var address: String? { ProcessInfo.processInfo.environment["ONCALL_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 } }
    /// `pg_ctl` for the test cluster (start, stop -m immediate, …).
    static var pgCtl: String? { ProcessInfo.processInfo.environment["ONCALL_TEST_PG_CTL"] }

    /// The second cluster, which the restart test stops and starts.
    static var restartable: String? { ProcessInfo.processInfo.environment["ONCALL_TEST_POSTGRES_RESTARTABLE"].flatMap { $0.isEmpty ? nil : $0 } }

    /// A new, empty database on the test server (or on `server`); its address.
    static func freshDatabase(on server: String? = address) async throws -> String {
        guard let base = server else { throw TestSkip(reason: "no ONCALL_TEST_POSTGRES") }
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let a = try PostgresAddress(base)
        let connection = try await connect(base, id: 1)
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Logger(label: "test.postgres"))
        try await connection.close()
        return "postgres://\(a.username)@\(a.host):\(a.port)/\(name)?sslmode=disable"
    }

    /// One plain connection to `address` (the test clusters take no TLS), past any store.
    static func connect(_ address: String, id: Int) async throws -> PostgresConnection {
        let a = try PostgresAddress(address)
        return try await PostgresConnection.connect(
            configuration: .init(host: a.host, port: a.port, username: a.username, password: a.password, database: a.database, tls: .disable),
            id: id, logger: Logger(label: "test.postgres"))
    }

    /// Runs this cluster's pg_ctl with `arguments`.
    static func pgCtl(_ arguments: [String]) throws {
        guard let pgCtl else { throw TestSkip(reason: "no ONCALL_TEST_PG_CTL") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pgCtl)
        process.arguments = arguments
        // None of the test's own pipes: a server started here would hold them open, and `swift test` waits for them.
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestSkip(reason: "pg_ctl \(arguments) failed: \(process.terminationStatus)") }
    }
}

struct TestSkip: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
