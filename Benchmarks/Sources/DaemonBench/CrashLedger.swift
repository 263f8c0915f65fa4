// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// The crash phase's side of the story: what it asked the daemon for and what came back, shared by
/// the tasks that create and acknowledge while the daemon may be killed under them.
/// Times are monotonic nanoseconds.
final class CrashLedger: Sendable {
    /// An escalation the phase asked for, under its idempotency key.
    struct Escalation: Sendable {
        var key: String
        var note: String
        /// The cycle that first asked for it.
        var cycle: Int
        /// Set by the first answer (201 Created, or 200 to a retry whose first try the kill cut off).
        var id: String?
        var firstSentAt: UInt64?
        var answeredAt: UInt64?
        /// Tries whose answer never came (the daemon died first).
        var interrupted = 0
        /// When to acknowledge it (nil: never).
        var ackDue: UInt64?
        var ack: Ack?
    }

    /// One acknowledgement sent through the API.
    struct Ack: Sendable {
        var member: String
        var sentAt: UInt64
        /// When the answer came back; nil when the kill cut the request off.
        var answeredAt: UInt64?
        /// The escalation's status in the answer: "acknowledged" (now or earlier), "exhausted" (too late).
        var status: String?
    }

    /// A spawn, a listening line, a kill, for the timelines.
    struct Event: Sendable {
        var at: UInt64
        var text: String
    }

    private let state = Mutex<(escalations: [Escalation], events: [Event], refused: [Int])>(([], [], []))

    var escalations: [Escalation] { state.withLock { $0.escalations } }
    var events: [Event] { state.withLock { $0.events } }
    /// HTTP statuses of creations the daemon refused (409: nobody rostered, …).
    var refused: [Int] { state.withLock { $0.refused } }

    /// Asks for a new escalation; it is sent by the next `create` pass.
    func add(key: String, note: String, cycle: Int) {
        state.withLock { $0.escalations.append(Escalation(key: key, note: note, cycle: cycle)) }
    }

    /// Indices of the escalations not yet answered: new ones, and those a kill cut off.
    func unanswered() -> [Int] {
        state.withLock { s in s.escalations.indices.filter { s.escalations[$0].id == nil } }
    }

    func escalation(_ i: Int) -> Escalation { state.withLock { $0.escalations[i] } }

    func sending(_ i: Int, at: UInt64) {
        state.withLock { s in if s.escalations[i].firstSentAt == nil { s.escalations[i].firstSentAt = at } }
    }

    func interrupted(_ i: Int) { state.withLock { $0.escalations[i].interrupted += 1 } }

    func refused(_ i: Int, status: Int) {
        state.withLock { s in
            s.refused.append(status)
            // Not retried: the daemon answered, and would answer the same.
            s.escalations[i].id = ""
        }
    }

    func answered(_ i: Int, id: String, at: UInt64, ackDue: UInt64?) {
        state.withLock { s in
            s.escalations[i].id = id
            s.escalations[i].answeredAt = at
            s.escalations[i].ackDue = ackDue
        }
    }

    /// The escalation whose acknowledgement is due earliest and not yet sent, and when it is due.
    func nextAck() -> (index: Int, due: UInt64)? {
        state.withLock { s in
            s.escalations.indices.compactMap { i -> (Int, UInt64)? in
                let e = s.escalations[i]
                guard e.ack == nil, let due = e.ackDue, e.id?.isEmpty == false else { return nil }
                return (i, due)
            }.min { $0.1 < $1.1 }
        }
    }

    /// Acknowledgements still to send.
    var acksPending: Int { state.withLock { s in s.escalations.filter { $0.ack == nil && $0.ackDue != nil }.count } }

    func acked(_ i: Int, _ ack: Ack) { state.withLock { $0.escalations[i].ack = ack } }

    func note(_ text: String, at: UInt64 = monotonicNow()) { state.withLock { $0.events.append(Event(at: at, text: text)) } }
}
