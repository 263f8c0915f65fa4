// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The PostgreSQL server named by `--db postgres://…`, reached with `psql` (the benchmark links no
/// PostgreSQL client of its own, and the daemon's store module is not a product of the root package).
///
/// Each run gets a fresh database on that server, so the daemons start from an empty schema as the
/// SQLite runs start from a new file; it is dropped at the end. The address's own database is only the
/// one `psql` connects to for `CREATE DATABASE`.
struct PostgresServer: Sendable {
    /// The address as given (its database is where CREATE and DROP DATABASE run).
    let address: String
    let psql: String

    init(address: String, psql: String) throws {
        guard let parts = URLComponents(string: address), ["postgres", "postgresql"].contains(parts.scheme ?? ""), parts.host != nil else {
            throw BenchError("--db takes postgres://USER@HOST:PORT/DB, not \(address)")
        }
        self.address = address
        self.psql = psql
    }

    /// The same address with another database name (the query, such as sslmode, kept).
    func url(database: String) -> String {
        var parts = URLComponents(string: address)!
        parts.path = "/" + database
        return parts.string!
    }

    /// A new database for this run: daemon_bench_YYYYMMDDHHMMSS_PID.
    func createDatabase() throws -> (name: String, address: String) {
        let stamp = DateFormatter()
        stamp.locale = Locale(identifier: "en_US_POSIX")
        stamp.timeZone = TimeZone(identifier: "UTC")
        stamp.dateFormat = "yyyyMMddHHmmss"
        let name = "daemon_bench_\(stamp.string(from: Date()))_\(getpid())"
        _ = try query("CREATE DATABASE \(name)")
        return (name, url(database: name))
    }

    /// Drops the run's database, closing any connection still open to it.
    func dropDatabase(_ name: String) throws {
        _ = try query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// "PostgreSQL 15.8, fsync off, synchronous_commit on": what a commit costs depends on both.
    func describe() -> String {
        let version = (try? query("SHOW server_version")) ?? "?"
        let fsync = (try? query("SHOW fsync")) ?? "?"
        let commit = (try? query("SHOW synchronous_commit")) ?? "?"
        return "PostgreSQL \(version), fsync \(fsync), synchronous_commit \(commit)"
    }

    /// The engine's claim on an escalation: its owner ("HOST-PID-RANDOM", see OpenedStore) or nil.
    func claimOwner(escalation id: String, database: String) throws -> String? {
        let owner = try query("SELECT coalesce(claim_owner, '') FROM escalation WHERE id = '\(id.filter { $0.isLetter || $0.isNumber || $0 == "-" })'", database: database)
        return owner.isEmpty ? nil : owner
    }

    /// The server's processes: every backend and background process it lists, and their parent, the
    /// postmaster. For the CPU note; connections opened later are not in it.
    func processes() -> [Int32] {
        guard let text = try? query("SELECT pid FROM pg_stat_activity") else { return [] }
        let pids = text.split(separator: "\n").compactMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
        let parents = pids.compactMap { pid -> Int32? in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
            // After the command name: state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 ? Int32(fields[1]) : nil
        }
        return Array(Set(pids + parents))
    }

    /// Runs one statement with `psql -At` on `database` (default: the address's own); its output, trimmed.
    func query(_ sql: String, database: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [psql, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", database.map(url(database:)) ?? address, "-c", sql]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("psql \(sql.prefix(60)): \(String(decoding: problem, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
