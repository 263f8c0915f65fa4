// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// One escalation's story, for a broken promise: what the bench did, what the daemon recorded and what
/// the receiver got, on one clock, in milliseconds from the first request for it. Members appear as
/// their tier and place in the step ("backup#1"), never by name; admins by the ids the bench gave them.
struct CrashTimeline {
    let escalation: CrashLedger.Escalation
    let record: EscalationReadback?
    let arrivals: [PageReceiver.Page]
    let events: [CrashLedger.Event]
    let clock: WallMapping

    func label(member: String, tier: String) -> String {
        if tier == "admin" { return "admin \(member)" }
        return record?.label(member: member, tier: tier) ?? tier
    }

    func text() -> String {
        let e = escalation
        let zero = clock.date(e.firstSentAt ?? e.answeredAt ?? 0)
        var lines: [(Double, String)] = []
        func bench(_ t: UInt64?, _ text: String) { if let t { lines.append((clock.date(t).timeIntervalSince(zero), "bench    " + text)) } }
        func daemon(_ d: Date, _ text: String) { lines.append((d.timeIntervalSince(zero), "daemon   " + text)) }

        bench(e.firstSentAt, "POST /v1/escalations (cycle \(e.cycle))" + (e.interrupted > 0 ? "; \(e.interrupted) tries cut off by a kill" : ""))
        bench(e.answeredAt, "created: answered with the id")
        if let ack = e.ack {
            let who = label(member: ack.member, tier: record?.plan.first { $0.targets.contains { $0.member == ack.member } }?.tier ?? "?")
            bench(ack.sentAt, "POST …/ack as \(who)")
            bench(ack.answeredAt, "ack answered: \(ack.status ?? "?")")
            if ack.answeredAt == nil { bench(ack.sentAt, "ack cut off by the kill, no answer") }
        }
        for a in record?.pages ?? [] {
            daemon(a.sentAt, "attempt \(a.attempt) of \(label(member: a.member, tier: a.tier)) page \(a.pageId.prefix(8)) started: \(a.result)")
        }
        for a in record?.answers ?? [] {
            let tier = record?.plan.first { $0.targets.contains { $0.member == a.member } }?.tier ?? "?"
            daemon(a.at, "\(a.kind) by \(label(member: a.member, tier: tier)) committed")
        }
        for p in arrivals {
            lines.append((clock.date(p.at).timeIntervalSince(zero), "receiver \(label(member: p.member, tier: p.tier)) page \(p.pageId.prefix(8)) arrived"))
        }
        let end = (lines.map(\.0).max() ?? 0) + 0.05
        for event in events {
            let t = clock.date(event.at).timeIntervalSince(zero)
            if t >= -0.05, t <= end { lines.append((t, "bench    daemon " + event.text)) }
        }
        let status = record.map { "\($0.status), plan \($0.plan.map { "\($0.tier)×\($0.targets.count)" }.joined(separator: " → "))" } ?? "not in the daemon"
        var text = "crash: timeline of escalation \(e.id ?? "?") (\(status)):"
        for (t, line) in lines.sorted(by: { $0.0 < $1.0 }) { text += String(format: "\n    %+9.1f ms  ", t * 1000) + line }
        return text
    }
}
