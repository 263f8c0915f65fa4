// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOCore
import NIOHTTP1

/// The two load phases: who-covers and page latency.
struct Load {
    let loop: any EventLoop
    let connections: Int
    let warmup: Double
    let duration: Double
    /// The daemons' processes, for the CPU note.
    let daemons: [Int32]
    /// The PostgreSQL server the daemons share (nil: SQLite), for the CPU note.
    let server: PostgresServer?
    /// Seconds to wait for a quiet machine before each phase.
    let settle: Double
    /// Where to write every request's times, one CSV per phase (nil: nowhere).
    let raw: URL?

    static let whoTarget = Target(text: "p99 ≤ 2 ms", limitNanoseconds: 2_000_000)
    static let pageTarget = Target(text: "p99 ≤ 20 ms", limitNanoseconds: 20_000_000)

    /// Every request's Authorization; each connection adds the Host of its daemon.
    static let headers = HTTPHeaders([("Authorization", "Bearer \(BenchSetup.adminToken)")])

    /// A warm-up run (not counted), then the measured one, round-robin over the daemons at `ports`.
    /// - Returns: the measured run and how busy the machine was during it.
    /// - Parameter probe: runs after waiting for a quiet machine, before the warm-up.
    func openLoop(
        rate: Double, ports: [Int], probe: () throws -> Void = {}, make: @escaping @Sendable (_ run: String, _ i: Int) -> LoadRequest
    ) async throws -> (LoadResult, String) {
        let quiet = await waitForQuietMachine(seconds: settle)
        try probe()
        if warmup > 0 {
            let count = max(1, Int(rate * warmup))
            _ = try await OpenLoopRun(loop: loop, count: count, rate: rate, drain: 10, headers: Self.headers) { make("warm", $0) }
                .run(host: "127.0.0.1", ports: ports, connections: connections)
        }
        let count = max(1, Int(rate * duration))
        let serverProcesses = server?.processes() ?? []
        let watched = daemons + [getpid()] + serverProcesses
        let before = CPUSample.take(watched)
        let result = try await OpenLoopRun(loop: loop, count: count, rate: rate, drain: 10, headers: Self.headers) { make("main", $0) }
            .run(host: "127.0.0.1", ports: ports, connections: connections)
        let after = CPUSample.take(watched)
        let cpu = CPUSample.summary(from: before, to: after, daemons: daemons, server: serverProcesses, cores: ProcessInfo.processInfo.activeProcessorCount)
        return (result, quiet.map { cpu + "; " + $0 } ?? cpu)
    }

    /// p99 of each daemon's share of the requests, when there are several ("daemon 1 p99 1.20 ms, daemon 2 …").
    func perDaemonNote(_ result: LoadResult, _ latencies: [UInt64?]) -> String {
        guard result.targets > 1 else { return "" }
        let parts = (0..<result.targets).map { t in
            let mine = latencies.indices.filter { $0 % result.targets == t }.map { latencies[$0] }
            return "daemon \(t + 1) p99 \(ms(Percentiles(mine).value(99)))"
        }
        return "; by the daemon each request went to (round-robin): " + parts.joined(separator: ", ")
    }

    func who(label: String, uri: String, rate: Double, ports: [Int]) async throws -> (Row, String) {
        let (result, cpu) = try await openLoop(rate: rate, ports: ports) { _, _ in LoadRequest(method: .GET, uri: uri) }
        try writeRaw(result, pages: nil, name: uri == "/v1/oncall" ? "who-all" : "who-pool")
        let latencies = result.intended.indices.map { i -> UInt64? in result.status[i] == 200 ? result.done[i] - result.intended[i] : nil }
        let errors = result.status.filter { $0 != 200 }.count
        let row = Row(measure: label, rate: "\(Int(rate))/s", stats: Percentiles(latencies), failures: String(errors), target: Self.whoTarget)
        return (row, "\(label): " + lagNote(result) + perDaemonNote(result, latencies) + "; " + cpu)
    }

    /// Pages from any daemon count: with several on one database, whichever claims the step pages it.
    func page(pool: String, rate: Double, ports: [Int], receiver: PageReceiver, work: URL) async throws -> ([Row], String) {
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        var fsyncs: [UInt64] = []
        let (result, cpu) = try await openLoop(rate: rate, ports: ports, probe: { fsyncs = try fsyncLatencies(folder: work) }) { run, i in
            let body = #"{"pool":"\#(pool)","note":"bench \#(tag) \#(run) \#(i)","urgency":"high","idempotency_key":"bench-\#(tag)-\#(run)-\#(i)"}"#
            return LoadRequest(method: .POST, uri: "/v1/escalations", body: ByteBuffer(string: body), contentType: "application/json")
        }
        let prefix = "bench \(tag) main "
        let created = Set(result.status.indices.filter { result.status[$0] == 201 })
        /// The first page of each measured escalation, by index.
        func firstPages() -> [Int: UInt64] {
            var first: [Int: UInt64] = [:]
            for p in receiver.pages where p.note.hasPrefix(prefix) {
                guard let i = Int(p.note.dropFirst(prefix.count)) else { continue }
                first[i] = min(first[i] ?? .max, p.at)
            }
            return first
        }
        // Pages still on their way when the last response came back.
        let deadline = Date().addingTimeInterval(10)
        var first = firstPages()
        while Date() < deadline, created.contains(where: { first[$0] == nil }) {
            try await Task.sleep(for: .milliseconds(50))
            first = firstPages()
        }
        try writeRaw(result, pages: first, name: "page")
        let pageLatencies = result.intended.indices.map { i -> UInt64? in created.contains(i) ? first[i].map { $0 &- result.intended[i] } : nil }
        let lost = created.filter { first[$0] == nil }.count
        let errors = result.status.count - created.count
        let createdLatencies = result.intended.indices.map { i -> UInt64? in result.status[i] == 201 ? result.done[i] - result.intended[i] : nil }
        let rateText = "\(Int(rate))/s"
        let rows = [
            Row(
                measure: "machine: fsync of a 4 KiB write (work folder)", rate: "—", stats: Percentiles(fsyncs.map { Optional($0) }),
                failures: "—", target: nil),
            Row(
                measure: "page: POST sent → first webhook page", rate: rateText, stats: Percentiles(pageLatencies),
                failures: "\(errors)/\(lost)", target: Self.pageTarget),
            Row(measure: "page: POST sent → 201 Created", rate: rateText, stats: Percentiles(createdLatencies), failures: String(errors), target: nil),
        ]
        let statuses = Dictionary(grouping: result.status, by: { $0 }).mapValues(\.count).sorted { $0.key < $1.key }
            .map { "\($0.key == 0 ? "none" : String($0.key)) ×\($0.value)" }.joined(separator: ", ")
        return (rows, "page: answers \(statuses); " + lagNote(result) + perDaemonNote(result, pageLatencies) + "; " + cpu)
    }

    /// intended,sent,done,status[,page] per request, in microseconds from the first intended send.
    func writeRaw(_ result: LoadResult, pages: [Int: UInt64]?, name: String) throws {
        guard let raw, let t0 = result.intended.first else { return }
        func us(_ t: UInt64?) -> String { t.map { $0 == 0 ? "" : String(Int64(bitPattern: $0 &- t0) / 1000) } ?? "" }
        var lines = [pages == nil ? "intended_us,sent_us,done_us,status" : "intended_us,sent_us,done_us,status,page_us"]
        for i in result.intended.indices {
            var line = "\(us(result.intended[i])),\(us(result.sent[i])),\(us(result.done[i])),\(result.status[i])"
            if let pages { line += "," + us(pages[i]) }
            lines.append(line)
        }
        try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(to: raw.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
    }

    /// How late the generator itself wrote requests (timer lag plus waiting for a free connection).
    func lagNote(_ result: LoadResult) -> String {
        let lags = Percentiles(result.sendLags.map { Optional($0) })
        return "generator send lag p50 \(ms(lags.value(50))), p99 \(ms(lags.value(99))), max \(ms(lags.max)) over \(result.connections) connections"
    }
}

/// kill -9 with escalations open, wait until their next step is due, restart, time the first page.
struct RestartPhase {
    let binary: String
    let arguments: [String]
    let log: URL
    let pool: String
    let receiver: PageReceiver
    let runs: Int
    let escalations: Int
    let settle: Double
    /// Long enough to read back that every primary's step was committed before the kill.
    let ackTimeout = 3.0

    static let target = Target(text: "≤ 1 s", limitNanoseconds: 1_000_000_000)

    func start() async throws -> DaemonProcess {
        try await DaemonProcess.start(binary: binary, arguments: arguments + ["--ack-timeout", String(ackTimeout)], environment: [:], log: log)
    }

    /// - Returns: the rows, a note per run, and the daemon still running at the end.
    func run() async throws -> ([Row], [String], DaemonProcess) {
        let quiet = await waitForQuietMachine(seconds: settle)
        var daemon = try await start()
        var listening: [UInt64?] = []
        var firstPage: [UInt64?] = []
        var allPages: [UInt64?] = []
        var notes: [String] = quiet.map { ["restart: " + $0] } ?? []
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for run in 1...runs {
            let client = DaemonClient(base: daemon.baseURL)
            let tag = "restart \(String(UInt32.random(in: 0...UInt32.max), radix: 36)) "
            var ids: [String] = []
            for i in 0..<escalations {
                let (status, body) = try await client.json(
                    .POST, "/v1/escalations", body: #"{"pool":"\#(pool)","note":"\#(tag)\#(i)","idempotency_key":"\#(tag)\#(i)"}"#)
                guard status == 201, let id = body["id"] as? String else { throw BenchError("restart run \(run): POST /v1/escalations answered \(status)") }
                ids.append(id)
            }
            func pages(_ tier: String) -> [String: UInt64] {
                var first: [String: UInt64] = [:]
                for p in receiver.pages where p.note.hasPrefix(tag) && p.tier == tier { first[p.note] = min(first[p.note] ?? .max, p.at) }
                return first
            }
            guard await receiver.wait(timeout: 10, until: { _ in pages("primary").count == escalations }) else {
                throw BenchError("restart run \(run): the primaries were not all paged")
            }
            // Every primary step committed (paged, deadline set) before the kill.
            var deadlines: [Date] = []
            for id in ids {
                var paged = false
                for _ in 0..<500 where !paged {
                    let (_, view) = try await client.json(.GET, "/v1/escalations/\(id)")
                    paged = view["paged"] as? Bool ?? false
                    if paged, let text = view["next_deadline"] as? String, let d = fractional.date(from: text) { deadlines.append(d) }
                    if !paged { try await Task.sleep(for: .milliseconds(5)) }
                }
                guard paged else { throw BenchError("restart run \(run): escalation \(id) never recorded its primary step") }
            }
            daemon.kill9()
            let killedAt = monotonicNow()
            if !pages("backup").isEmpty {
                notes.append("restart run \(run): a backup was paged before the kill (the machine is too slow for a \(ackTimeout) s ack timeout); run skipped")
                daemon = try await start()
                continue
            }
            // Every escalation's next step is due before the daemon comes back.
            let due = deadlines.max() ?? Date()
            let wait = due.timeIntervalSinceNow + 0.2
            if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
            daemon = try await start()
            let spawned = daemon.spawnedAt
            _ = await receiver.wait(timeout: 15) { _ in pages("backup").count == escalations }
            let backups = pages("backup")
            listening.append(daemon.listeningAt - spawned)
            firstPage.append(backups.values.min().map { $0 - spawned })
            allPages.append(backups.count == escalations ? backups.values.max().map { $0 - spawned } : nil)
            notes.append(
                "restart run \(run): killed, restarted \(ms(spawned - killedAt)) later (after the deadlines); spawn → listening "
                    + "\(ms(listening.last!)), → first page \(ms(firstPage.last!)), → all \(escalations) pages \(ms(allPages.last!))")
            // Close them, so later runs see only their own escalations due.
            let restarted = DaemonClient(base: daemon.baseURL)
            for id in ids {
                let (_, view) = try await restarted.json(.GET, "/v1/escalations/\(id)")
                let member = ((view["plan"] as? [[String: Any]])?.first?["targets"] as? [[String: Any]])?.first?["member"] as? String ?? ""
                _ = try await restarted.json(.POST, "/v1/escalations/\(id)/ack", body: #"{"member":"\#(member)"}"#)
            }
        }
        let n = String(listening.count)
        func row(_ measure: String, _ values: [UInt64?], target: Target?) -> Row {
            let stats = Percentiles(values)
            return Row(
                measure: measure, rate: "—", n: n, p50: ms(stats.median), p90: "—", p99: "—", max: ms(stats.max), failures: String(stats.missing),
                target: target?.text ?? "—", met: target.map { $0.met(stats.max) && !values.isEmpty ? "yes" : "NO" } ?? "—")
        }
        let rows = [
            row("restart: spawn → listening", listening, target: nil),
            row("restart: spawn → first page of a due escalation", firstPage, target: Self.target),
            row("restart: spawn → all \(escalations) due escalations paged", allPages, target: nil),
        ]
        return (rows, notes, daemon)
    }
}
