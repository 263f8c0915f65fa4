// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The daemons under test: one on a SQLite file (as always), or several `oncalld serve` on one
/// PostgreSQL database, each on a port of its own, as a deployment behind a load balancer would run them.
///
/// Each daemon logs to a file of its own (daemon.log for a single one, daemon-K.log for several), so that
/// after a failover the log of the killed one and of the survivor can be read apart.
struct DaemonGroup {
    let binary: String
    /// `serve` arguments shared by all (network, database, config).
    let arguments: [String]
    let logs: [URL]
    /// Extra arguments of the current configuration (such as `--ack-timeout 2`).
    private(set) var extra: [String] = []
    private(set) var members: [DaemonProcess] = []

    init(binary: String, arguments: [String], count: Int, folder: URL) {
        self.binary = binary
        self.arguments = arguments
        self.logs = count == 1
            ? [folder.appendingPathComponent("daemon.log")]
            : (1...count).map { folder.appendingPathComponent("daemon-\($0).log") }
    }

    var count: Int { logs.count }
    var ports: [Int] { members.map(\.port) }
    var pids: [Int32] { members.map(\.pid) }
    var first: DaemonProcess { members[0] }

    /// Starts them one after another: the first migrates the database, the others find it ready.
    mutating func start(extra: [String] = []) async throws {
        self.extra = extra
        members = []
        for log in logs {
            let daemon = try await DaemonProcess.start(binary: binary, arguments: arguments + extra, environment: [:], log: log)
            members.append(daemon)
        }
    }

    /// Spawns daemon `index` again (after a kill), with the current configuration; returns it.
    @discardableResult
    mutating func restart(_ index: Int) async throws -> DaemonProcess {
        members[index].kill9()
        let daemon = try await DaemonProcess.start(binary: binary, arguments: arguments + extra, environment: [:], log: logs[index])
        members[index] = daemon
        return daemon
    }

    /// Stops them all and starts them again with `extra` arguments.
    mutating func reconfigure(extra: [String]) async throws {
        for m in members { m.stop() }
        try await start(extra: extra)
    }

    /// Replaces daemon 0 with one a phase started itself (the restart and crash phases run one daemon).
    mutating func replaceFirst(with daemon: DaemonProcess) { members[0] = daemon }

    /// The daemon whose engine owns a claim: owners are "HOST-PID-RANDOM" (OpenedStore.engineOwner), and
    /// the host name and the random part may hold dashes too, so the pid is matched, not parsed.
    func index(ofOwner owner: String) -> Int? {
        members.firstIndex { owner.contains("-\($0.pid)-") }
    }

    func killAll() { for m in members { m.kill9() } }
    func stopAll() { for m in members { m.stop() } }
}
