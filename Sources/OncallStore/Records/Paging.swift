// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Where an escalation must still be for a page to go out: the step being paged, or the admins' alert.
public enum PageGate: Sendable, Equatable {
    case step(index: Int, round: Int)
    case alert
}

/// What an answer met: the escalation after it, one already closed (changed nothing), or none.
public enum AnswerOutcome: Sendable, Equatable {
    case applied(EscalationRecord)
    case closed(EscalationRecord)
    case notFound
}

/// Who was reached in the escalation's current step and round, and who of them declined.
public struct StepAnswers: Sendable, Equatable {
    public var delivered: Set<String>
    public var declined: Set<String>
    public init(delivered: Set<String>, declined: Set<String>) {
        self.delivered = delivered
        self.declined = declined
    }

    /// Reached and not declined: the members who may still come.
    public var stillComing: Set<String> { delivered.subtracting(declined) }
}

extension PageGate {
    /// Whether a page may still go out for `e`: it is still at this gate, and claimed by `owner` or by nobody
    /// (another engine that took the escalation over, when this one's claim ran out, pages it now).
    public func admits(_ e: EscalationRecord, claimedBy claim: String?, owner: String) -> Bool {
        guard claim == nil || claim == owner else { return false }
        switch self {
        case .step(let index, let round): return e.status == .open && e.stepIndex == index && e.round == round && !e.stepPaged
        case .alert: return e.alertDue
        }
    }

    /// The step index a page records: the step's own, or one past the last step for the admins' alert.
    public func stepIndex(_ e: EscalationRecord) -> Int {
        switch self {
        case .step(let index, _): index
        case .alert: e.stepIndex + 1
        }
    }
}
