// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOSSL
import OncallStore
import PostgresNIO

/// `postgres://USER[:PASS]@HOST[:PORT]/DB[?sslmode=…&sslrootcert=FILE]` as `--db` takes it (also `postgresql://`).
///
/// `sslmode` as libpq reads it, except that whenever TLS is used the server's certificate is verified
/// (a pager must not page through a man in the middle): `disable` plain TCP; `prefer` (the default) TLS
/// when the server offers it; `require`, `verify-ca`, `verify-full` TLS or no connection.
public struct PostgresAddress: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var sslMode: String
    public var rootCertificate: String?

    /// Whether `text` is meant as a PostgreSQL address rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(_ text: String) throws {
        guard Self.isPostgres(text), let url = URLComponents(string: text) else {
            throw StoreError(.badAddress, "--db \"\(Self.redacted(text))\" is not postgres://USER[:PASS]@HOST[:PORT]/DB")
        }
        guard let host = url.host, !host.isEmpty else { throw StoreError(.badAddress, "--db: the address names no host") }
        guard let user = url.user, !user.isEmpty else { throw StoreError(.badAddress, "--db: the address names no user (postgres://USER@HOST/DB)") }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw StoreError(.badAddress, "--db: the address names no database (postgres://USER@HOST/DB)") }
        self.host = host
        self.port = url.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = url.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        var mode = "prefer"
        for item in url.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(value) else {
                    throw StoreError(.badAddress, "--db: sslmode must be disable, prefer, require, verify-ca or verify-full")
                }
                mode = value
            case "sslrootcert":
                rootCertificate = item.value
            default:
                throw StoreError(.badAddress, "--db: unknown parameter \"\(item.name)\" (known: sslmode, sslrootcert)")
            }
        }
        sslMode = mode
    }

    /// The address without its password, for logs and messages.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)?sslmode=\(sslMode)" }

    static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? "postgres://…"
    }

    func configuration() throws -> PostgresClient.Configuration {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        if let rootCertificate {
            do {
                tlsConfiguration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(rootCertificate))
            } catch {
                throw StoreError(.badAddress, "--db: sslrootcert \(rootCertificate) cannot be read as PEM certificates")
            }
        }
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "allow", "prefer": tls = .prefer(tlsConfiguration)
        default: tls = .require(tlsConfiguration)
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(3)
        configuration.options.maximumConnections = 16
        return configuration
    }
}
