// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import OncallCLI
import Foundation
import OncallDaemon
import OncallStore
import RosterModel

/// `oncalld who`: the daemon's "who covers now" for a clinic's staff, straight from the database.
struct WhoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who",
        abstract: "Who covers a pool now (or at --at), from the published roster and overrides.",
        discussion: "Exit codes: 0 someone covers; 1 nobody is rostered then; 2 bad input.")

    @Option(help: "The network file (YAML or JSON).")
    var network: String

    @Option(help: "The daemon's database (its --db): read only, never migrated or written.")
    var db: String

    @Option(help: "The pool id.")
    var pool: String

    @Option(help: "An ISO 8601 time with its zone, e.g. 2026-12-05T02:00:00+09:00 (default now).")
    var at: String?

    @Flag(help: "Show the next shift instead of the current one.")
    var next = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let network = try NetworkLoader.load(path: self.network)
        guard network.poolIndex[pool] != nil else {
            throw InputError(InputIssue(file: self.network, field: "pool", message: "has no pool \"\(pool)\""))
        }
        var instant = Date()
        if let at {
            let f = ISO8601DateFormatter()
            guard let d = f.date(from: at) else {
                throw InputError(InputIssue(file: "--at", field: "at", message: "\"\(at)\" is not an ISO 8601 time with a zone",
                                            hint: "e.g. 2026-12-05T02:00:00+09:00"))
            }
            instant = d
        }
        guard db.hasPrefix("postgres") || FileManager.default.fileExists(atPath: db) else {
            throw InputError(InputIssue(file: db, message: "no such database", hint: "give the --db of `oncalld serve`"))
        }
        let opened: OpenedStore
        do {
            opened = try await OpenedStore.open(db, readOnly: true, logger: global.makeLogger("oncall.who"))
        } catch {
            throw InputError(InputIssue(file: "--db", message: "\(error)", hint: "give the --db of `oncalld serve`"))
        }
        defer { opened.close() }
        let book = RosterBook(network: network, store: opened.store)
        try await book.reload()
        let resolver = await book.resolver
        guard let c = next ? resolver.next(pool: pool, after: instant) : resolver.covering(pool: pool, at: instant) else {
            Console.print("\(pool): nobody is rostered then")
            throw ExitCode(1)
        }
        Console.print("\(c.pool) \(c.date) \(c.shift) (\(c.start) – \(c.end))")
        for m in c.primary { Console.print("  primary: \(m.name) (\(m.member), \(m.facility))") }
        for m in c.backup { Console.print("  backup:  \(m.name) (\(m.member), \(m.facility))") }
    }
}
