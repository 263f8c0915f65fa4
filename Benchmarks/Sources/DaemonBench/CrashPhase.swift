// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// kill -9 over and over while escalations are created, paged and acknowledged, then let the daemon
/// finish them and hold its records against what the receiver got (`CrashAudit`).
///
/// Each cycle asks for new escalations at random moments, acknowledges some at random moments,
/// and kills the daemon a random 20–500 ms after it listens; then it spawns it again. Requests the
/// kill cut off are the interesting ones: a creation is retried under its idempotency key in the
/// next cycle, as a client would; an acknowledgement is not, its fate is read back at the end.
struct CrashPhase {
    let binary: String
    /// `serve` arguments with the crash config (its admins) and the database the other phases used.
    let arguments: [String]
    let log: URL
    let pool: String
    let receiver: PageReceiver
    let cycles: Int
    let perCycle: Int
    /// The share of escalations acknowledged (the others run until exhausted).
    let ackShare: Double
    /// Short, so escalations move through their steps and run out within a few cycles.
    let ackTimeout: Double
    /// The admins' ids in the config; each has a webhook to the receiver.
    let admins: [String]
    /// Seconds to wait, after the last cycle, for every escalation to be acknowledged or exhausted and alerted.
    let drain: Double
    let settle: Double

    static let killWindow: ClosedRange<UInt64> = 20...500

    func start(_ ledger: CrashLedger) async throws -> DaemonProcess {
        let daemon = try await DaemonProcess.start(
            binary: binary, arguments: arguments + ["--ack-timeout", String(ackTimeout)], environment: [:], log: log)
        ledger.note("spawned", at: daemon.spawnedAt)
        ledger.note("listening", at: daemon.listeningAt)
        return daemon
    }

    /// - Returns: the rows, the notes, whether a promise was broken, and the daemon still running at the end.
    func run() async throws -> (rows: [Row], notes: [String], failed: Bool, daemon: DaemonProcess) {
        let quiet = await waitForQuietMachine(seconds: settle)
        let tag = "crash \(String(UInt32.random(in: 0...UInt32.max), radix: 36)) "
        let ledger = CrashLedger()
        let clock = WallMapping()
        var daemon = try await start(ledger)
        var listening = [daemon.listeningAt - daemon.spawnedAt]
        var windows: [UInt64] = []
        for cycle in 1...cycles {
            for i in 0..<perCycle { ledger.add(key: "\(tag)c\(cycle)-\(i)", note: "\(tag)c\(cycle)-\(i)", cycle: cycle) }
            let window = UInt64.random(in: Self.killWindow) * 1_000_000
            windows.append(window)
            let client = DaemonClient(base: daemon.baseURL)
            let running = daemon
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.create(ledger, client, within: window) }
                group.addTask { await self.acknowledge(ledger, client, finishing: false) }
                try? await Task.sleep(for: .nanoseconds(window))
                running.kill9()
                ledger.note("kill -9 (cycle \(cycle), \(ms(window)) after listening)")
                group.cancelAll()
            }
            daemon = try await start(ledger)
            listening.append(daemon.listeningAt - daemon.spawnedAt)
        }
        // No more kills: the cut-off creations are retried, then the acknowledgements still due are sent
        // (in that order: a retried creation may be one to acknowledge).
        let client = DaemonClient(base: daemon.baseURL)
        await create(ledger, client, within: 0)
        await acknowledge(ledger, client, finishing: true)
        let (records, drained) = try await settle(ledger, client)

        let audit = CrashAudit(
            escalations: ledger.escalations.filter { $0.id?.isEmpty == false }, records: records,
            arrivals: Dictionary(grouping: receiver.pages.filter { $0.note.hasPrefix(tag) }, by: \.escalation), admins: admins)
        var notes: [String] = quiet.map { ["crash: " + $0] } ?? []
        notes += audit.notes(cycles: cycles, windows: windows, refused: ledger.refused, drained: drained, drain: drain)
        notes += audit.timelines(events: ledger.events, clock: clock)
        return (audit.rows(listening: listening), notes, audit.failed, daemon)
    }

    /// Sends the creations not yet answered (this cycle's, and those a kill cut off) at random moments
    /// within `window` nanoseconds, one after another. Stops when cancelled (the kill).
    func create(_ ledger: CrashLedger, _ client: DaemonClient, within window: UInt64) async {
        let start = monotonicNow()
        let pending = ledger.unanswered().map { ($0, window == 0 ? 0 : UInt64.random(in: 0..<window)) }.sorted { $0.1 < $1.1 }
        for (i, offset) in pending {
            let wait = Int64(start + offset) - Int64(monotonicNow())
            if wait > 0 { try? await Task.sleep(for: .nanoseconds(wait)) }
            if Task.isCancelled { return }
            let e = ledger.escalation(i)
            ledger.sending(i, at: monotonicNow())
            do {
                let (status, body) = try await client.json(
                    .POST, "/v1/escalations", body: #"{"pool":"\#(pool)","note":"\#(e.note)","idempotency_key":"\#(e.key)"}"#)
                guard status == 201 || status == 200, let id = body["id"] as? String else {
                    ledger.refused(i, status: status)
                    continue
                }
                let now = monotonicNow()
                // Anywhere from before the primary's page to after the chain ran out (primary, backup, hospital).
                let due = Double.random(in: 0..<1) < ackShare ? now + UInt64(Double.random(in: 0...(4 * ackTimeout)) * 1e9) : nil
                ledger.answered(i, id: id, at: now, ackDue: due)
            } catch {
                ledger.interrupted(i)
            }
        }
    }

    /// Acknowledges each escalation when its moment comes, as a member its plan pages. `finishing`:
    /// return once none is left to send (else run until cancelled).
    func acknowledge(_ ledger: CrashLedger, _ client: DaemonClient, finishing: Bool) async {
        while !Task.isCancelled {
            guard let (i, due) = ledger.nextAck() else {
                if finishing { return }
                try? await Task.sleep(for: .milliseconds(5))
                continue
            }
            let now = monotonicNow()
            if due > now {
                try? await Task.sleep(for: .nanoseconds(min(due - now, 5_000_000)))
                continue
            }
            let id = ledger.escalation(i).id ?? ""
            let member: String
            do {
                let (status, data) = try await client.call(.GET, "/v1/escalations/\(id)")
                guard status == 200, let m = try EscalationReadback.decode(data).members.randomElement() else {
                    ledger.acked(i, .init(member: "", sentAt: monotonicNow(), answeredAt: monotonicNow(), status: "GET answered \(status)"))
                    continue
                }
                member = m
            } catch {
                // The kill came first: try again in the next cycle. With no kill to come, give up on it.
                if finishing { ledger.acked(i, .init(member: "", sentAt: monotonicNow(), answeredAt: monotonicNow(), status: "GET failed: \(error)")) }
                try? await Task.sleep(for: .milliseconds(5))
                continue
            }
            let sentAt = monotonicNow()
            do {
                let (status, body) = try await client.json(.POST, "/v1/escalations/\(id)/ack", body: #"{"member":"\#(member)"}"#)
                let answer = status == 200 ? body["status"] as? String ?? "?" : "http \(status)"
                ledger.acked(i, .init(member: member, sentAt: sentAt, answeredAt: monotonicNow(), status: answer))
            } catch {
                ledger.acked(i, .init(member: member, sentAt: sentAt, answeredAt: nil, status: nil))
            }
        }
    }

    /// Waits until every escalation is acknowledged, or exhausted with every admin's alert received, or
    /// `drain` seconds pass; then a little longer, for any page that should not come; then reads each back.
    /// - Returns: the records, and whether everything settled in time.
    func settle(_ ledger: CrashLedger, _ client: DaemonClient) async throws -> ([String: EscalationReadback], Bool) {
        let ids = ledger.escalations.compactMap { $0.id?.isEmpty == false ? $0.id : nil }
        var settled = Set<String>()
        let deadline = Date().addingTimeInterval(drain)
        while settled.count < ids.count, Date() < deadline {
            let arrivals = Dictionary(grouping: receiver.pages.filter { $0.tier == "admin" }, by: \.escalation)
            for id in ids where !settled.contains(id) {
                guard let record = try await read(id, client) else { continue }
                let alerted = Set((arrivals[id] ?? []).map(\.member))
                if record.status == "acknowledged" || (record.status == "exhausted" && admins.allSatisfy(alerted.contains)) { settled.insert(id) }
            }
            if settled.count < ids.count { try await Task.sleep(for: .milliseconds(100)) }
        }
        try await Task.sleep(for: .seconds(max(1, 3 * ackTimeout)))
        var records: [String: EscalationReadback] = [:]
        for id in ids { records[id] = try await read(id, client) }
        return (records, settled.count == ids.count)
    }

    /// nil when the daemon does not know the escalation (404): it was lost.
    func read(_ id: String, _ client: DaemonClient) async throws -> EscalationReadback? {
        let (status, data) = try await client.call(.GET, "/v1/escalations/\(id)")
        if status == 404 { return nil }
        guard status == 200 else { throw BenchError("GET /v1/escalations/\(id) answered \(status)") }
        return try EscalationReadback.decode(data)
    }
}

/// Turns monotonic times into wall-clock dates, to set the bench's moments beside the daemon's records.
struct WallMapping {
    let wall = Date()
    let mono = monotonicNow()
    func date(_ monotonic: UInt64) -> Date { wall.addingTimeInterval((Double(monotonic) - Double(mono)) / 1e9) }
}
