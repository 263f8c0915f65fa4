// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Two or more daemons on one PostgreSQL database: `kill -9` one in the middle of an escalation and time
/// how long the escalation's next page waits for a survivor.
///
/// The engines share the work through claims (EscalationEngine, `claimDue`): an engine claims a due
/// escalation for a lease of 10 s, renews it every lease / 3 while it pages the step, and releases it
/// when the step is recorded. So a kill can find an escalation in one of two states, and the rounds
/// alternate between them:
///
/// - between steps (odd rounds): the first page has gone out and the step is recorded, nobody holds a
///   claim. The daemon the escalation was created through is killed before the next step's deadline.
///   A survivor sleeps until that stored deadline (a change notification told it of the new deadline)
///   and takes the step at once: the figure is deadline → page, and should be milliseconds.
/// - mid-step (even rounds): the receiver leaves the next step's page unanswered, so whichever daemon
///   claimed the step is still sending it, its claim held; that daemon (found by the claim's owner in
///   the database) is killed. A survivor may take the step only when the claim runs out: at most
///   `lease` after the kill (the claim was taken or last renewed before it), plus up to one `poll`,
///   the longest an idle engine sleeps before looking at the store again (a claimed, due escalation is
///   no deadline to wake for). Then it pages the step again under the same page id. That is the bound
///   the target states: lease + 1 s.
///
/// Each failover counts from the kill, or from the step's stored deadline if that is later (a step is
/// not late before it is due), to the first page of that step reaching the receiver after the kill.
/// Then the escalation is acknowledged through a survivor and the killed daemon spawned again.
/// At the end every escalation is read back: no page attempt may have started after its
/// acknowledgement (the daemons' records), and no page may have reached the receiver after the
/// acknowledgement's answer (both must be 0, as in the crash phase).
struct FailoverPhase {
    let server: PostgresServer
    /// The run's database, for reading claims.
    let database: String
    let pool: String
    let receiver: PageReceiver
    let rounds: Int
    /// The daemons' --ack-timeout in this phase: long enough to read the first step back before the next is due.
    let ackTimeout: Double
    let settle: Double

    /// EscalationEngine's claim lease (its default; oncalld has no option for it).
    static let lease = 10.0
    /// EscalationEngine.maximumSleep: the longest an engine sleeps without looking at the store.
    static let poll = 1.0
    static let target = Target(text: "≤ lease + 1 s (11 s)", limitNanoseconds: UInt64((lease + poll) * 1e9))

    enum Kind: String {
        case betweenSteps = "between steps"
        case midStep = "mid-step, claim held"
    }

    struct Round {
        var number: Int
        var kind: Kind
        var escalation: String
        var created: Int
        var killed: Int
        /// The claim's owner just before the kill (nil: nobody's), and which daemon that is.
        var claim: String?
        var claimHolder: Int?
        var killedAt: UInt64
        /// The step's stored deadline, on the monotonic clock.
        var deadline: UInt64
        /// The first page of the next step after the kill (nil: none came).
        var pagedAt: UInt64?
        /// Mid-step: whether the survivor's page carried the page id of the one the killed daemon was sending.
        var samePageId: Bool?
        var ackAnsweredAt: UInt64?
        var respawn: UInt64?

        var from: UInt64 { max(killedAt, deadline) }
        var failover: UInt64? { pagedAt.map { $0 > from ? $0 - from : 0 } }
    }

    /// - Returns: the rows, the notes, and whether a promise was broken (a lost step, a page after an ack).
    func run(_ group: inout DaemonGroup) async throws -> (rows: [Row], notes: [String], failed: Bool) {
        precondition(group.count >= 2)
        let quiet = await waitForQuietMachine(seconds: settle)
        try await group.reconfigure(extra: ["--ack-timeout", String(ackTimeout)])
        let tag = "failover \(String(UInt32.random(in: 0...UInt32.max), radix: 36)) "
        var done: [Round] = []
        var notes: [String] = quiet.map { ["failover: " + $0] } ?? []
        for number in 1...rounds {
            let round = try await self.round(number, kind: number % 2 == 1 ? .betweenSteps : .midStep, tag: tag, &group)
            done.append(round)
            notes.append(describe(round))
        }
        // Time for any page that should not come (the next step would be due ackTimeout after the last page).
        try await Task.sleep(for: .seconds(2 * ackTimeout + 1))
        let client = DaemonClient(base: group.first.baseURL)
        var afterAck = 0
        var afterAnswer = 0
        for r in done {
            let (status, data) = try await client.call(.GET, "/v1/escalations/\(r.escalation)")
            guard status == 200 else { throw BenchError("failover: GET /v1/escalations/\(r.escalation) answered \(status)") }
            let record = try EscalationReadback.decode(data)
            if let at = record.acknowledgedAt { afterAck += record.pages.filter { $0.sentAt > at }.count }
            if let answered = r.ackAnsweredAt { afterAnswer += receiver.pages.filter { $0.escalation == r.escalation && $0.at > answered }.count }
            if record.status != "acknowledged" { notes.append("failover round \(r.number): escalation \(r.escalation) is \(record.status), not acknowledged") }
        }

        func row(_ measure: String, _ values: [UInt64?], target: Target?) -> Row {
            var row = Row(measure: measure, rate: "—", stats: Percentiles(values), failures: String(values.filter { $0 == nil }.count), target: target)
            // Judged on the slowest kill, not on p99.
            if let target { row.met = target.met(Percentiles(values).max) && !values.isEmpty ? "yes" : "NO" }
            return row
        }
        let between = done.filter { $0.kind == .betweenSteps }.map(\.failover)
        let mid = done.filter { $0.kind == .midStep }.map(\.failover)
        let all = done.map(\.failover)
        let stats = Percentiles(all)
        let within = all.filter { Self.target.met($0) }.count
        let sameIds = done.compactMap(\.samePageId)
        notes.append(
            "failover, all \(all.count) kills: median \(ms(stats.median)), p95 \(ms(stats.value(95))), max \(ms(stats.max)); "
                + "\(within) of \(all.count) within lease + 1 s = \(DaemonBench.number(Self.lease + Self.poll)) s; "
                + "mid-step: the survivor's page carried the killed daemon's page id in \(sameIds.filter { $0 }.count) of \(sameIds.count)")
        notes.append(
            "failover: after the acks — \(afterAck) page attempts in the daemons' records started after the acknowledgement (must be 0); "
                + "\(afterAnswer) pages reached the receiver after the ack's answer came back (must be 0)")
        let rows = [
            row("failover: kill between steps → next step paged by the survivor", between, target: Self.target),
            row("failover: kill mid-step (claim held) → survivor pages the step", mid, target: Self.target),
            row("failover: all kills", all, target: Self.target),
            row("failover: killed daemon respawn → listening", done.map(\.respawn), target: nil),
            Row(
                measure: "failover: pages after an acknowledgement", rate: "—", n: String(done.count), p50: "—", p90: "—", p99: "—", max: "—",
                failures: String(afterAck + afterAnswer), target: "0", met: afterAck + afterAnswer == 0 ? "yes" : "NO"),
        ]
        let failed = all.contains { $0 == nil } || afterAck + afterAnswer > 0
        return (rows, notes, failed)
    }

    /// One escalation, one kill, one failover; the killed daemon is running again when it returns.
    func round(_ number: Int, kind: Kind, tag: String, _ group: inout DaemonGroup) async throws -> Round {
        let created = (number - 1) % group.count
        let client = DaemonClient(base: group.members[created].baseURL)
        let note = "\(tag)r\(number)"
        // Which step comes after the first: read from the plan once the escalation exists.
        let (status, body) = try await client.json(.POST, "/v1/escalations", body: #"{"pool":"\#(pool)","note":"\#(note)","idempotency_key":"\#(note)"}"#)
        guard status == 201, let id = body["id"] as? String else { throw BenchError("failover round \(number): POST /v1/escalations answered \(status)") }
        let (_, planData) = try await client.call(.GET, "/v1/escalations/\(id)")
        let plan = try EscalationReadback.decode(planData).plan
        guard plan.count >= 2 else { throw BenchError("failover: the \(pool) plan has one step; a failover needs a next one") }
        let first = plan[0].tier, next = plan[1].tier
        if kind == .midStep { receiver.hold(.init(note: note, tier: next)) }
        defer { receiver.hold(nil) }

        guard await receiver.wait(timeout: 10, until: { $0.contains { $0.note == note && $0.tier == first } }) else {
            throw BenchError("failover round \(number): the first step (\(first)) was never paged")
        }
        // The first step recorded and its deadline stored.
        var deadlineWall: Date?
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for _ in 0..<500 where deadlineWall == nil {
            let (_, view) = try await client.json(.GET, "/v1/escalations/\(id)")
            if view["paged"] as? Bool == true, let text = view["next_deadline"] as? String { deadlineWall = fractional.date(from: text) }
            if deadlineWall == nil { try await Task.sleep(for: .milliseconds(5)) }
        }
        guard let deadlineWall else { throw BenchError("failover round \(number): the first step was never recorded") }
        let deadline = UInt64(max(0, Int64(monotonicNow()) + Int64(deadlineWall.timeIntervalSinceNow * 1e9)))

        let victim: Int
        var heldPageId: String?
        if kind == .midStep {
            // Wait for the next step's page, held unanswered: its sender is mid-step, its claim held.
            let limit = deadlineWall.timeIntervalSinceNow + 10
            guard await receiver.wait(timeout: limit, until: { $0.contains { $0.note == note && $0.held } }) else {
                throw BenchError("failover round \(number): the \(next) step was never sent")
            }
            heldPageId = receiver.pages.first { $0.note == note && $0.held }?.pageId
            guard let owner = try server.claimOwner(escalation: id, database: database), let holder = group.index(ofOwner: owner) else {
                throw BenchError("failover round \(number): the \(next) step is being sent, but no daemon of the bench holds its claim")
            }
            victim = holder
        } else {
            victim = created
        }
        let claim = try server.claimOwner(escalation: id, database: database)
        group.members[victim].kill9()
        let killedAt = monotonicNow()
        receiver.hold(nil)

        // The next step's first page after the kill (a held one came before it, from the killed daemon).
        func nextPage() -> PageReceiver.Page? {
            receiver.pages.filter { $0.note == note && $0.tier == next && $0.at > killedAt && !$0.held }.min { $0.at < $1.at }
        }
        let limit = max(0, deadlineWall.timeIntervalSinceNow) + Self.lease + Self.poll + 10
        _ = await receiver.wait(timeout: limit) { _ in nextPage() != nil }
        let paged = nextPage()
        var round = Round(
            number: number, kind: kind, escalation: id, created: created, killed: victim, claim: claim,
            claimHolder: claim.flatMap(group.index(ofOwner:)), killedAt: killedAt, deadline: deadline,
            pagedAt: paged?.at, samePageId: heldPageId.map { held in paged.map { $0.pageId == held } ?? false })
        if kind == .betweenSteps, receiver.pages.contains(where: { $0.note == note && $0.tier == next && $0.at <= killedAt }) {
            // The next step went out before the kill: this round measured nothing.
            round.pagedAt = nil
        }

        // Acknowledge through a survivor, as the member the first step paged.
        let survivor = DaemonClient(base: group.members[(victim + 1) % group.count].baseURL)
        let member = plan[0].targets.first?.member ?? ""
        let (acked, ackBody) = try await survivor.json(.POST, "/v1/escalations/\(id)/ack", body: #"{"member":"\#(member)"}"#)
        if acked == 200, ackBody["status"] as? String == "acknowledged" { round.ackAnsweredAt = monotonicNow() }
        let respawned = try await group.restart(victim)
        round.respawn = respawned.listeningAt - respawned.spawnedAt
        return round
    }

    func describe(_ r: Round) -> String {
        let daemon = { (i: Int) in "daemon \(i + 1)" }
        let claim = r.claim.map { owner in
            "claim held by " + (r.claimHolder.map { $0 == r.killed ? "the killed daemon" : daemon($0) } ?? "an unknown owner") + " (\(owner))"
        } ?? "no claim held"
        let who = r.kind == .midStep ? "killed \(daemon(r.killed)), the one sending the step (created through \(daemon(r.created)))"
            : "killed \(daemon(r.killed)), the one it was created through"
        let before = Int64(r.deadline) - Int64(r.killedAt)
        let when = before > 0 ? "\(ms(UInt64(before))) before the step's deadline" : "\(ms(UInt64(-before))) after the step's deadline"
        let outcome: String
        if let f = r.failover {
            outcome = "next page \(ms(f)) after " + (r.killedAt >= r.deadline ? "the kill" : "the deadline")
                + (Self.target.met(f) ? " (within lease + 1 s)" : " (NOT within lease + 1 s)")
                + (r.samePageId.map { $0 ? ", same page id" : ", ANOTHER page id" } ?? "")
        } else {
            outcome = "NO next page"
        }
        return "failover round \(r.number) (\(r.kind.rawValue)): \(who), \(when), \(claim); \(outcome); respawn → listening \(ms(r.respawn))"
            + (r.ackAnsweredAt == nil ? "; the ack was NOT answered acknowledged" : "")
    }
}
