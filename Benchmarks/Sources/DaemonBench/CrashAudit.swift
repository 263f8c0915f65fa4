// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Holds the daemon's records after the crash cycles against what the receiver got and what the
/// bench was told, promise by promise:
///
/// - lost: an escalation the daemon does not know, still open, acknowledged to the bench but not in
///   its record, or exhausted without every admin's alert received;
/// - skipped: an exhausted escalation with a target of its plan that never got a page (every target
///   here has a webhook to the receiver, so each can be reached);
/// - one page, one id: every resend of a page carries the same page id (a page id received twice is
///   at-least-once delivery and allowed; two ids for one page are not);
/// - nothing after an acknowledgement: no attempt in the daemon's records started after the ack.
struct CrashAudit {
    /// The escalations the daemon answered with an id.
    let escalations: [CrashLedger.Escalation]
    /// nil: the daemon does not know it.
    let records: [String: EscalationReadback]
    /// Arrivals at the receiver, by escalation id.
    let arrivals: [String: [PageReceiver.Page]]
    let admins: [String]

    /// One page: with one round, the tier names the step.
    struct PageKey: Hashable {
        var escalation: String
        var tier: String
        var member: String
    }

    func record(_ e: CrashLedger.Escalation) -> EscalationReadback? { e.id.flatMap { records[$0] } }
    func arrived(_ e: CrashLedger.Escalation) -> [PageReceiver.Page] { e.id.flatMap { arrivals[$0] } ?? [] }

    // MARK: The promises

    /// Why an escalation counts as lost, or nil.
    func lossReason(_ e: CrashLedger.Escalation) -> String? {
        guard let r = record(e) else { return "the daemon does not know it" }
        if e.ack?.status == "acknowledged", r.status != "acknowledged" { return "acknowledged to the bench, \(r.status) in the record" }
        switch r.status {
        case "acknowledged": return nil
        case "exhausted":
            let alerted = Set(arrived(e).filter { $0.tier == "admin" }.map(\.member))
            let missing = admins.filter { !alerted.contains($0) }
            return missing.isEmpty ? nil : "exhausted, no alert received by \(missing.joined(separator: ", "))"
        default: return "still \(r.status)"
        }
    }

    var lost: [CrashLedger.Escalation] { escalations.filter { lossReason($0) != nil } }

    var exhausted: [CrashLedger.Escalation] { escalations.filter { record($0)?.status == "exhausted" } }

    var acknowledged: [CrashLedger.Escalation] { escalations.filter { record($0)?.status == "acknowledged" } }

    /// The plan's targets of an exhausted escalation that never got a page ("backup#1").
    func skippedTargets(_ e: CrashLedger.Escalation) -> [String] {
        guard let r = record(e), r.status == "exhausted" else { return [] }
        let reached = Set(arrived(e).map { "\($0.tier)\n\($0.member)" })
        return r.plan.flatMap { step in
            step.targets.filter { !reached.contains("\(step.tier)\n\($0.member)") }.map { r.label(member: $0.member, tier: step.tier) }
        }
    }

    var skipped: [CrashLedger.Escalation] { escalations.filter { !skippedTargets($0).isEmpty } }

    /// Page ids that reached the receiver more than once, and how many arrivals beyond the first.
    var duplicates: (pageIds: Int, extra: Int) {
        let counts = Dictionary(grouping: arrivals.values.joined(), by: \.pageId).mapValues(\.count).values.filter { $0 > 1 }
        return (counts.count, counts.reduce(0) { $0 + $1 - 1 })
    }

    /// Every page id of each page, from the receiver and the daemon's records together.
    var idsPerPage: [PageKey: Set<String>] {
        var ids: [PageKey: Set<String>] = [:]
        for p in arrivals.values.joined() { ids[PageKey(escalation: p.escalation, tier: p.tier, member: p.member), default: []].insert(p.pageId) }
        for (id, r) in records {
            for a in r.pages { ids[PageKey(escalation: id, tier: a.tier, member: a.member), default: []].insert(a.pageId) }
        }
        return ids
    }

    /// Pages that went out under more than one id.
    var splitPages: [PageKey] { idsPerPage.filter { $0.value.count > 1 }.map(\.key) }

    /// Attempts in the daemon's records started after the acknowledgement, by its own clock.
    func attemptsAfterAck(_ e: CrashLedger.Escalation) -> [EscalationReadback.Attempt] {
        guard let r = record(e), let at = r.acknowledgedAt else { return [] }
        return r.pages.filter { $0.sentAt > at }
    }

    /// Arrivals after the bench had the acknowledgement's answer, and whether each was in flight (its
    /// page id has an attempt that started no later than the acknowledgement).
    func arrivalsAfterAckAnswer(_ e: CrashLedger.Escalation) -> [(page: PageReceiver.Page, inFlight: Bool)] {
        guard let ack = e.ack, ack.status == "acknowledged", let answered = ack.answeredAt, let r = record(e) else { return [] }
        let at = r.acknowledgedAt ?? .distantFuture
        return arrived(e).filter { $0.at > answered }.map { p in (p, r.pages.contains { $0.pageId == p.pageId && $0.sentAt <= at }) }
    }

    /// Arrivals whose page id has no attempt in the daemon's records: the records would not show a page after an ack.
    var unrecorded: [PageReceiver.Page] {
        arrivals.flatMap { id, pages in pages.filter { p in !(records[id]?.pages.contains { $0.pageId == p.pageId } ?? false) } }
    }

    /// Whether a promise was broken.
    var failed: Bool {
        !lost.isEmpty || !skipped.isEmpty || !splitPages.isEmpty || escalations.contains { !attemptsAfterAck($0).isEmpty } || !unrecorded.isEmpty
    }

    // MARK: The report

    static let legend = """
        crash: each cycle asks for new escalations at random moments and acknowledges some at random moments \
        (as a member their plan pages), then kill -9s the daemon 20–500 ms after its listening line and spawns \
        it again; a creation a kill cut off is retried under its idempotency key. After the last cycle the daemon \
        runs until every escalation is acknowledged, or exhausted with every admin's alert received; then each is \
        read back (GET /v1/escalations/{id}). lost: unknown to the daemon, still open, acknowledged to the bench \
        but not in the record, or exhausted without every admin's alert. skipped: exhausted, yet a target of its \
        plan never got a page (every target has a webhook here). A page id received more than once is \
        at-least-once delivery (killed after the receiver had the page, before the daemon recorded it delivered, \
        so it is sent again under the same id): allowed. A page sent under two ids would defeat the receivers' \
        dedup: must be 0. After the ack, two figures: "attempts started after the ack" compares, in the daemon's \
        own records, each attempt's sent_at with the acknowledgement's time (both the daemon's clock, to the \
        millisecond): an attempt started after the ack committed breaks the promise, must be 0. "arrivals after \
        the ack's answer" counts pages the receiver got after the bench had the answer to its ack: a page whose \
        attempt started before the ack committed can still be on the wire when the answer comes back; that is \
        in flight and legitimate, and the note says how many were. Arrivals with no attempt recorded must be 0 \
        (the records are what the after-ack check reads). The exit status is 1 when a row with target 0 is not.
        """

    func rows(listening: [UInt64]) -> [Row] {
        func timing(_ measure: String, _ values: [UInt64?]) -> Row {
            Row(measure: measure, rate: "—", stats: Percentiles(values), failures: "—", target: nil)
        }
        func count(_ measure: String, of n: Int, _ found: Int, mustBeZero: Bool) -> Row {
            Row(
                measure: measure, rate: "—", n: String(n), p50: "—", p90: "—", p99: "—", max: "—", failures: String(found),
                target: mustBeZero ? "0" : "—", met: mustBeZero ? (found == 0 ? "yes" : "NO") : "—")
        }
        let acks = escalations.compactMap(\.ack)
        let alertDelays = exhausted.map { e -> UInt64? in
            guard let asked = e.firstSentAt, let first = arrived(e).filter({ $0.tier == "admin" }).map(\.at).min() else { return nil }
            return first - asked
        }
        let pageCount = Set(arrivals.values.joined().map(\.pageId)).count
        let afterAnswer = escalations.flatMap(arrivalsAfterAckAnswer)
        return [
            timing("crash: spawn → listening", listening.map { Optional($0) }),
            timing("crash: ack sent → answered", acks.map { a in a.answeredAt.map { $0 - a.sentAt } }),
            timing("crash: first POST → admins' alert received", alertDelays),
            count("crash: lost (not closed, or no alert)", of: escalations.count, lost.count, mustBeZero: true),
            count("crash: skipped (exhausted, a target never paged)", of: exhausted.count, skipped.count, mustBeZero: true),
            count("crash: page ids received more than once", of: pageCount, duplicates.pageIds, mustBeZero: false),
            count("crash: pages sent under two page ids", of: idsPerPage.count, splitPages.count, mustBeZero: true),
            count("crash: attempts started after the ack (records)", of: acknowledged.count,
                escalations.reduce(0) { $0 + attemptsAfterAck($1).count }, mustBeZero: true),
            count("crash: arrivals after the ack's answer (receiver)", of: acknowledged.count, afterAnswer.count, mustBeZero: false),
            count("crash: arrivals with no attempt recorded", of: arrivals.values.joined().count, unrecorded.count, mustBeZero: true),
        ]
    }

    func notes(cycles: Int, windows: [UInt64], refused: [Int], drained: Bool, drain: Double) -> [String] {
        let all = Array(arrivals.values.joined())
        let byTier = Dictionary(grouping: all, by: \.tier).mapValues(\.count).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        let retried = escalations.filter { $0.interrupted > 0 }.count
        let attempts = records.values.flatMap(\.pages)
        let unfinished = attempts.filter { $0.result == "sending" }.count
        let failedSends = attempts.filter { $0.result.hasPrefix("failed") }.count
        let acks = escalations.compactMap(\.ack)
        let cutOff = acks.filter { $0.answeredAt == nil }
        let cutOffCommitted = escalations.filter { $0.ack != nil && $0.ack?.answeredAt == nil && record($0)?.answers.contains { $0.kind == "ack" } == true }.count
        let late = acks.filter { $0.status == "exhausted" }.count
        let afterAnswer = escalations.flatMap(arrivalsAfterAckAnswer)
        let inFlight = afterAnswer.filter(\.inFlight).count
        let afterAck = escalations.flatMap(attemptsAfterAck)
        let sortedWindows = windows.sorted()
        var notes = [
            "crash: \(cycles) cycles of kill -9, each \(ms(sortedWindows.first)) to \(ms(sortedWindows.last)) after the listening line "
                + "(median \(ms(sortedWindows.isEmpty ? nil : sortedWindows[sortedWindows.count / 2])))",
            "crash: \(escalations.count) escalations (\(retried) of them retried under their idempotency key after a kill cut the request off"
                + (refused.isEmpty ? "" : "; \(refused.count) refused: \(refused.map(String.init).joined(separator: ", "))") + "); "
                + "read back \(acknowledged.count) acknowledged, \(exhausted.count) exhausted, \(escalations.count - acknowledged.count - exhausted.count) other"
                + (drained ? "" : " (not all settled within \(DaemonBench.number(drain)) s)"),
            "crash: \(all.count) pages received for \(Set(all.map(\.pageId)).count) page ids (\(byTier.joined(separator: ", "))); "
                + "\(duplicates.pageIds) page ids more than once, \(duplicates.extra) arrivals beyond the first; "
                + "the daemon recorded \(attempts.count) attempts, \(unfinished) never finished (killed during the send), \(failedSends) failed",
            "crash: \(acks.count) acknowledgements sent, \(acks.count - cutOff.count) answered (\(late) too late: already exhausted), "
                + "\(cutOff.count) cut off by the kill (\(cutOffCommitted) of those committed all the same)",
            "crash: after the ack — \(afterAck.count) attempts in the daemon's records started after the acknowledgement's time "
                + "(a promise: must be 0); \(afterAnswer.count) pages reached the receiver after the ack's answer came back, "
                + "\(inFlight) of them in flight (their attempt started before the acknowledgement committed: legitimate)",
        ]
        for e in lost { notes.append("crash: LOST escalation \(e.id ?? "?"): \(lossReason(e) ?? "")") }
        for e in skipped { notes.append("crash: SKIPPED in escalation \(e.id ?? "?"): \(skippedTargets(e).joined(separator: ", ")) never paged") }
        for k in splitPages { notes.append("crash: TWO PAGE IDS in escalation \(k.escalation) for one \(k.tier) page: \(idsPerPage[k]!.sorted().joined(separator: ", "))") }
        for e in escalations where !attemptsAfterAck(e).isEmpty {
            let at = record(e)?.acknowledgedAt ?? .distantPast
            let gaps = attemptsAfterAck(e).map { String(format: "%.0f ms", $0.sentAt.timeIntervalSince(at) * 1000) }
            notes.append("crash: AFTER ACK in escalation \(e.id ?? "?"): attempts started \(gaps.joined(separator: ", ")) after the acknowledgement")
        }
        if !unrecorded.isEmpty { notes.append("crash: UNRECORDED: \(unrecorded.count) arrivals whose page id the daemon has no attempt of") }
        return notes
    }

    /// The timelines of the escalations that broke a promise (the first few of each kind), without member
    /// names: targets are shown by tier and place in their step.
    func timelines(events: [CrashLedger.Event], clock: WallMapping, most: Int = 3) -> [String] {
        var shown = Set<String>()
        var out: [String] = []
        let split = Set(splitPages.map(\.escalation))
        var suspects = Array(lost.prefix(most))
        suspects += skipped.prefix(most)
        suspects += escalations.filter { split.contains($0.id ?? "") }.prefix(most)
        suspects += escalations.filter { !attemptsAfterAck($0).isEmpty }.prefix(most)
        for e in suspects where shown.insert(e.id ?? "").inserted {
            out.append(CrashTimeline(escalation: e, record: record(e), arrivals: arrived(e), events: events, clock: clock).text())
        }
        return out
    }
}
