// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import RosterModel

@main
struct DaemonBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon-bench",
        abstract: "Measure the release daemon on loopback: page latency, who-covers latency, restart to paging; and, on demand, crash cycles.",
        discussion: """
            Starts `oncalld serve` on a copy of the network whose members' webhooks point at a receiver in \
            this process, publishes a solved roster for the current month, then sends requests open-loop \
            (at a fixed rate, whatever the responses do; latency counts from each request's scheduled send \
            time). Build both tools first: (cd .. && swift build -c release --product oncall && swift build -c release --product oncalld). \
            The crash phase (--only crash) is not in the default set: it kill -9s the daemon --cycles times \
            and exits non-zero if an escalation was lost, a step skipped, a page sent under two ids or \
            a page attempt started after an acknowledgement. \
            With --db postgres://USER@HOST:PORT/DB the daemons share a fresh database created on that server \
            (and dropped at the end); with --daemons 2 or more, load goes round-robin over them and the default \
            phases are who, page and failover (kill -9 one daemon mid-escalation, time the survivor's next page).
            """)

    enum Phase: String, CaseIterable {
        case who, page, restart, crash, failover
        /// The phases that measure speed; crash checks promises, and takes its own time.
        static let speed: Set<Phase> = [.who, .page, .restart, .failover]
        /// The default set: with one daemon, restart; with several (on PostgreSQL), failover instead.
        static func defaults(daemons: Int) -> Set<Phase> { daemons > 1 ? [.who, .page, .failover] : [.who, .page, .restart] }
    }

    @Option(help: "Seconds each load phase sends for (after the warm-up).")
    var duration: Double = 10

    @Option(help: "Escalations per second in the page phase.")
    var rate: Double = 500

    @Option(name: .customLong("who-rate"), help: "Requests per second in the who-covers phase.")
    var whoRate: Double = 5000

    @Option(help: "Keep-alive connections of the load generator.")
    var connections: Int = 16

    @Option(help: "Seconds of load before each measured run, not counted.")
    var warmup: Double = 1

    @Option(help: "kill -9 and restart this many times in the restart phase.")
    var restarts: Int = 5

    @Option(name: .customLong("restart-escalations"), help: "Escalations due at each restart.")
    var restartEscalations: Int = 10

    @Option(help: "kill -9 and restart this many times in the crash phase.")
    var cycles: Int = 50

    @Option(name: .customLong("cycle-escalations"), help: "Escalations asked for in each crash cycle.")
    var cycleEscalations: Int = 5

    @Option(name: .customLong("ack-share"), help: "The share of the crash phase's escalations acknowledged (the rest run out).")
    var ackShare: Double = 0.5

    @Option(name: .customLong("crash-ack-timeout"), help: "The daemon's --ack-timeout in the crash phase, in seconds.")
    var crashAckTimeout: Double = 0.3

    @Option(help: "Seconds the crash phase waits after the last cycle for every escalation to be acknowledged or exhausted and alerted.")
    var drain: Double = 60

    @Option(
        name: [.customLong("db"), .customLong("postgres")],
        help: "A PostgreSQL server, postgres://USER@HOST:PORT/DB[?sslmode=disable]: the daemons share a fresh database created there (default: one SQLite file in the work folder).")
    var db: String?

    @Option(help: "Daemons to run on the one database, each on its own port (more than 1 needs --db postgres://…).")
    var daemons: Int = 1

    @Option(help: "kill -9 this many times in the failover phase (half between steps, half mid-step).")
    var failovers: Int = 20

    @Option(name: .customLong("failover-ack-timeout"), help: "The daemons' --ack-timeout in the failover phase, in seconds.")
    var failoverAckTimeout: Double = 2

    @Option(help: "The psql client that creates, reads and drops the PostgreSQL database.")
    var psql: String = "psql"

    @Option(help: "Only these phases: who, page, restart (the default set with one daemon), failover (instead of restart with several), crash (repeat or separate with commas).")
    var only: [String] = []

    @Option(help: "The oncalld binary (default: <root>/.build/release/oncalld).")
    var oncalld: String?

    @Option(help: "The oncall repository root (default: the parent of this package).")
    var root: String?

    @Option(help: "The network file (default: <root>/Samples/rural.yaml).")
    var network: String?

    @Option(help: "The pool escalations go to and who-covers asks about.")
    var pool: String = "physicians"

    @Option(name: .customLong("time-zone"), help: "The network copy's time zone (default: a UTC offset where it is about 20:00 now).")
    var timeZone: String?

    @Option(help: "Where the network copy, config, roster, database and daemon log go (default: a fresh temporary folder).")
    var work: String?

    @Option(help: "Also write the table as CSV to this file.")
    var csv: String?

    @Option(help: "Seconds to time an idle event-loop timer first, to show the machine's own scheduling hiccups (0: skip).")
    var jitter: Double = 5

    @Option(help: "Write every request's times to this folder, one CSV per phase (who-pool, who-all, page).")
    var raw: String?

    @Option(help: "Before each phase, wait up to this many seconds for the machine to be nearly idle (another build on the same cores skews every figure).")
    var settle: Double = 0

    func validate() throws {
        guard duration > 0, rate > 0, whoRate > 0, warmup >= 0 else { throw ValidationError("--duration, --rate and --who-rate must be positive") }
        guard (1...256).contains(connections) else { throw ValidationError("--connections must be from 1 to 256") }
        guard restarts >= 1, restartEscalations >= 1 else { throw ValidationError("--restarts and --restart-escalations must be at least 1") }
        guard cycles >= 1, cycleEscalations >= 1 else { throw ValidationError("--cycles and --cycle-escalations must be at least 1") }
        guard (0...1).contains(ackShare) else { throw ValidationError("--ack-share must be from 0 to 1") }
        guard crashAckTimeout > 0, drain > 0 else { throw ValidationError("--crash-ack-timeout and --drain must be positive") }
        guard (1...8).contains(daemons) else { throw ValidationError("--daemons must be from 1 to 8") }
        guard failovers >= 1, failoverAckTimeout >= 0.5 else { throw ValidationError("--failovers must be at least 1 and --failover-ack-timeout at least 0.5 s") }
        if let db, !db.hasPrefix("postgres://"), !db.hasPrefix("postgresql://") {
            throw ValidationError("--db takes a postgres://USER@HOST:PORT/DB address; without it the daemon runs on a SQLite file in the work folder")
        }
        if daemons > 1, db == nil { throw ValidationError("several daemons share one database only on PostgreSQL: add --db postgres://…") }
        guard connections >= daemons else { throw ValidationError("--connections must be at least --daemons") }
        let phases = try phases()
        if daemons > 1, !phases.isDisjoint(with: [.restart, .crash]) {
            throw ValidationError("the restart and crash phases run one daemon; with --daemons \(daemons) use failover")
        }
        if phases.contains(.failover), daemons < 2 { throw ValidationError("the failover phase needs --db postgres://… and --daemons 2 or more") }
    }

    func phases() throws -> Set<Phase> {
        let names = only.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if names.isEmpty { return Phase.defaults(daemons: daemons) }
        return Set(try names.map { name in
            guard let phase = Phase(rawValue: name) else { throw ValidationError("--only takes who, page, restart, failover or crash, not \"\(name)\"") }
            return phase
        })
    }

    func run() async throws {
        let rootURL = root.map { URL(fileURLWithPath: $0) } ?? Self.defaultRoot
        let binary = oncalld ?? rootURL.appendingPathComponent(".build/release/oncalld").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no oncalld binary at \(binary); build it with (cd \(rootURL.path) && swift build -c release --product oncalld), or pass --oncalld")
        }
        let source = network ?? rootURL.appendingPathComponent("Samples/rural.yaml").path
        let scratch = work.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("daemon-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        for stale in ["oncall.sqlite", "oncall.sqlite-wal", "oncall.sqlite-shm", "daemon.log"] + (1...8).map({ "daemon-\($0).log" }) {
            try? FileManager.default.removeItem(at: scratch.appendingPathComponent(stale))
        }
        let phases = try phases()
        // PostgreSQL: a fresh database on the server for this run, like the fresh SQLite file.
        let server = try db.map { try PostgresServer(address: $0, psql: psql) }
        let database = try server?.createDatabase()

        let machine = Machine.read()
        let loadGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let receiverGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let receiver = try await PageReceiver.start(group: receiverGroup)

        let zone = timeZone ?? BenchSetup.eveningZone()
        guard TimeZone(identifier: zone) != nil else { throw ValidationError("unknown time zone \"\(zone)\"") }
        let networkFile = scratch.appendingPathComponent("network.yaml")
        let net = try BenchSetup.writeNetwork(from: source, receiver: receiver, timeZone: zone, to: networkFile)
        guard net.poolIndex[pool] != nil else { throw ValidationError("the network has no pool \"\(pool)\"") }
        let configFile = scratch.appendingPathComponent("daemon.yaml")
        try BenchSetup.writeConfig(to: configFile)
        let month = BenchSetup.month(timeZone: zone)
        let rosterCSV = try BenchSetup.solveRoster(
            oncall: URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("oncall").path, network: networkFile, month: month, out: scratch.appendingPathComponent("roster-\(month).csv"),
            log: scratch.appendingPathComponent("solve.log"))

        print("daemon-bench  \(machine.date)  root \(rootURL.path) @ \(Self.gitHead(rootURL) ?? "?")")
        print("machine: \(machine.cores) cores (nproc), \(machine.cpu), \(machine.memory); load average \(Machine.loadAverage()) at start")
        if let server, let database {
            let host = URLComponents(string: server.address).map { "\($0.host ?? "?"):\($0.port.map(String.init) ?? "5432")" } ?? "?"
            print("daemon: \(daemons) × \(binary) serve, --log-level info, on one PostgreSQL database")
            print("database: \(server.describe()) on \(host); fresh database \(database.name), dropped at the end")
        } else {
            print("daemon: \(binary) serve, --log-level info, SQLite in \(scratch.path)")
        }
        let local = DateFormatter()
        local.timeZone = TimeZone(identifier: zone)
        local.dateFormat = "yyyy-MM-dd HH:mm"
        print("network: copy of \(source) (\(net.members.count) members): every member's only channel a webhook to this")
        print("  process's receiver on 127.0.0.1:\(receiver.port); time zone \(zone) (local now \(local.string(from: Date())), in the night shift)")
        print("roster: \(month) solved by `oncall roster solve`, published with PUT /v1/rosters/\(month)")
        print("load: open loop over \(connections) keep-alive connections on one event-loop thread; latency from each request's scheduled send time"
            + (daemons > 1 ? "; round-robin over the \(daemons) daemons (request i to daemon i mod \(daemons), \(connections / daemons)+ connections each)" : ""))
        print("work folder: \(scratch.path)")
        print("")

        let logFile = scratch.appendingPathComponent("daemon.log")
        func serve(config: URL) -> [String] {
            ["--network", networkFile.path, "--db", database?.address ?? scratch.appendingPathComponent("oncall.sqlite").path, "--config", config.path]
        }
        let arguments = serve(config: configFile)
        var promisesBroken = false
        var table = ResultTable()
        var notes: [String] = []

        var group = DaemonGroup(binary: binary, arguments: arguments, count: daemons, folder: scratch)
        try await group.start()
        // On an error too: no daemon left running, no database left behind (dropping twice is harmless).
        defer {
            group.killAll()
            if let server, let database { try? server.dropDatabase(database.name) }
        }
        for (i, d) in group.members.enumerated() {
            notes.append((daemons > 1 ? "daemon \(i + 1) on :\(d.port): " : "") + "first start (new database): spawn → listening \(ms(d.listeningAt - d.spawnedAt))")
        }
        let client = DaemonClient(base: group.first.baseURL)
        let (published, publishBody) = try await client.call(.PUT, "/v1/rosters/\(month)", body: rosterCSV, contentType: "text/csv")
        guard published == 200 else { throw BenchError("PUT /v1/rosters/\(month) answered \(published): \(String(decoding: publishBody, as: UTF8.self))") }
        let (covered, whoBody) = try await client.call(.GET, "/v1/oncall?pool=\(pool)")
        guard covered == 200 else { throw BenchError("nobody covers \(pool) now (\(covered)): \(String(decoding: whoBody, as: UTF8.self))") }

        if jitter > 0 {
            let late = try await TimerJitter(loop: loadGroup.next(), seconds: jitter).run()
            let stats = Percentiles(late.map { Optional($0) })
            let row = Row(
                measure: "machine: event-loop timer lateness, daemon idle", rate: "5000/s", stats: stats,
                failures: "—", target: nil)
            table.rows.append(row)
            notes.append("machine: a timer every 0.2 ms for \(Self.number(jitter)) s fired > 2 ms late \(late.filter { $0 > 2_000_000 }.count) times, > 5 ms late \(late.filter { $0 > 5_000_000 }.count) times")
            print(row.cells.joined(separator: "  "))
        }
        let load = Load(loop: loadGroup.next(), connections: connections, warmup: warmup, duration: duration, daemons: group.pids, server: server, settle: settle,
            raw: raw.map { URL(fileURLWithPath: $0) })
        if phases.contains(.who) {
            for (label, uri) in [("who: GET /v1/oncall?pool=\(pool)", "/v1/oncall?pool=\(pool)"), ("who: GET /v1/oncall (every pool)", "/v1/oncall")] {
                let (row, note) = try await load.who(label: label, uri: uri, rate: whoRate, ports: group.ports)
                table.rows.append(row)
                notes.append(note)
                print(row.cells.joined(separator: "  "))
            }
        }
        if phases.contains(.page) {
            let (rows, note) = try await load.page(pool: pool, rate: rate, ports: group.ports, receiver: receiver, work: scratch)
            table.rows += rows
            notes.append(note)
            for row in rows { print(row.cells.joined(separator: "  ")) }
        }
        if phases.contains(.restart) {
            let restart = RestartPhase(
                binary: binary, arguments: arguments, log: logFile, pool: pool, receiver: receiver, runs: restarts,
                escalations: restartEscalations, settle: settle)
            group.killAll()
            let (rows, runNotes, last) = try await restart.run()
            group.replaceFirst(with: last)
            table.rows += rows
            notes += runNotes
            for row in rows { print(row.cells.joined(separator: "  ")) }
        }
        if phases.contains(.crash) {
            // Its own config: admins to alert when a chain runs out, each a webhook to the receiver.
            let admins = ["admin-1", "admin-2"]
            let crashConfig = scratch.appendingPathComponent("daemon-crash.yaml")
            try BenchSetup.writeConfig(to: crashConfig, admins: admins.map { ($0, receiver.url(member: $0)) })
            let crash = CrashPhase(
                binary: binary, arguments: serve(config: crashConfig), log: logFile, pool: pool, receiver: receiver, cycles: cycles,
                perCycle: cycleEscalations, ackShare: ackShare, ackTimeout: crashAckTimeout, admins: admins, drain: drain, settle: settle)
            group.killAll()
            let (rows, crashNotes, failed, last) = try await crash.run()
            group.replaceFirst(with: last)
            table.rows += rows
            notes += crashNotes
            promisesBroken = promisesBroken || failed
            for row in rows { print(row.cells.joined(separator: "  ")) }
        }
        if phases.contains(.failover), let server, let database {
            let failover = FailoverPhase(
                server: server, database: database.name, pool: pool, receiver: receiver, rounds: failovers, ackTimeout: failoverAckTimeout,
                settle: settle)
            let (rows, failoverNotes, failed) = try await failover.run(&group)
            table.rows += rows
            notes += failoverNotes
            promisesBroken = promisesBroken || failed
            for row in rows { print(row.cells.joined(separator: "  ")) }
        }
        group.stopAll()
        if let server, let database {
            do { try server.dropDatabase(database.name) } catch { notes.append("could not drop the database \(database.name): \(error)") }
        }
        await receiver.close()
        try await loadGroup.shutdownGracefully()
        try await receiverGroup.shutdownGracefully()

        print("")
        print("daemon-bench  \(machine.date)  \(machine.cores) cores, \(machine.cpu); load average \(Machine.loadAverage()) at the end")
        print("")
        print(table.text())
        print("")
        for note in notes { print("- " + note) }
        if !phases.isDisjoint(with: Phase.speed) {
            print("""

                page: from the scheduled send of POST /v1/escalations to the first webhook page for that escalation \
                arriving at the receiver; lost = created (201) but never paged. who: from the scheduled send to \
                the whole response read. restart: kill -9 with escalations open, wait until their next step is due, \
                spawn `oncalld serve` again; "first page" is the first due step's page arriving at the receiver. \
                p99 is nearest-rank; a request with no answer counts as infinitely slow (∞). Restart rows: \
                p50 is the median of the runs and the target is judged on the slowest run (max).
                """)
            if phases.contains(.failover) {
                print("""

                    failover: two or more daemons on one PostgreSQL database; kill -9 one in the middle of an escalation \
                    (--ack-timeout \(Self.number(failoverAckTimeout)) s) and time, from the kill or from the step's stored deadline \
                    if that is later, to the next step's first page reaching the receiver from a survivor. Between steps \
                    nobody holds the escalation: a survivor takes the step at its deadline. Mid-step the killed daemon was \
                    sending the step (the receiver held its page unanswered) and held its claim: a survivor may take it only \
                    when the claim runs out, at most the lease (\(Self.number(FailoverPhase.lease)) s, renewed every lease / 3, \
                    taken before the kill) after the kill, and notices within one poll of its engine (at most \
                    \(Self.number(FailoverPhase.poll)) s: a claimed due step is no deadline to sleep until), then pages. \
                    Hence the bound lease + 1 s, judged on the slowest kill (max) of each row.
                    """)
            }
        }
        if phases.contains(.crash) { print("\n" + CrashAudit.legend) }
        if let csv { try table.csv(machine: machine).write(toFile: csv, atomically: true, encoding: .utf8) }
        if promisesBroken { throw ExitCode.failure }
    }

    /// Sources/DaemonBench/DaemonBench.swift → Benchmarks → the repository root.
    static var defaultRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }

    static func gitHead(_ root: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "rev-parse", "--short", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Plain, one-at-a-time requests to the daemon (publishing, status, acknowledgements): not measured.
struct DaemonClient {
    var base: String

    func call(_ method: HTTPMethod, _ path: String, body: String? = nil, contentType: String = "application/json") async throws -> (Int, Data) {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(BenchSetup.adminToken)")
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), Data(bytes.readableBytesView))
    }

    func json(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> (Int, [String: Any]) {
        let (status, data) = try await call(method, path, body: body)
        return (status, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
    }
}
