// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import OncallCLI
import Foundation
import Hummingbird
import NIOCore
import OncallDaemon
import RosterModel

/// `oncalld serve`: the paging daemon. Thin: the daemon itself lives in OncallDaemon.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the on-call daemon: who covers now, and paging escalations until someone acknowledges.",
        discussion: "The admin token comes from ONCALL_ADMIN_TOKEN or the config file. Stops gracefully on SIGTERM.")

    @Option(help: "The network file (YAML or JSON).")
    var network: String

    @Option(help: "The database: a SQLite file (created if missing), or postgres://USER[:PASS]@HOST[:PORT]/DB[?sslmode=require] shared by several daemons.")
    var db: String

    @Option(help: "Address to listen on, HOST:PORT.")
    var listen: String = "127.0.0.1:8080"

    @Option(help: "The daemon's config file (tokens, channels, escalation policy).")
    var config: String?

    @Option(help: "Seconds each escalation step waits for an acknowledgement (default 300).")
    var ackTimeout: Double?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard ListenAddress(listen) != nil else { throw ValidationError("--listen must be HOST:PORT, got \"\(listen)\"") }
        if let t = ackTimeout, !(t > 0) { throw ValidationError("--ack-timeout must be a positive number of seconds") }
    }

    func run() async throws {
        let network = try NetworkLoader.load(path: self.network)
        var config = DaemonConfig()
        if let path = self.config { config = try DaemonConfig.load(path: path, network: network) }
        if let token = ProcessInfo.processInfo.environment["ONCALL_ADMIN_TOKEN"], !token.isEmpty { config.adminToken = token }
        let address = ListenAddress(listen)!
        let logger = global.makeLogger("oncall.daemon")
        let settings = DaemonSettings(network: network, config: config, host: address.host, port: address.port, ackTimeout: ackTimeout)
        let app = try await buildApplication(settings: settings, database: db, logger: logger)
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE || error.errnoCode == EADDRNOTAVAIL {
            let why = error.errnoCode == EADDRINUSE ? "is in use (another oncalld, or another server?)" : "is not an address of this machine"
            throw InputError(InputIssue(
                file: "--listen", field: "listen", message: "\(listen) \(why)",
                hint: "stop what listens there, or give another --listen HOST:PORT"))
        }
    }
}

/// "HOST:PORT" from the command line.
struct ListenAddress {
    var host: String
    var port: Int
    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        host = String(text[..<colon])
        self.port = port
        if host.isEmpty { return nil }
    }
}
