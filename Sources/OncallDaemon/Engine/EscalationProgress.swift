// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore

/// Moves an escalation through its plan: pure, so the engine (a step paged, a timeout) and the API (a
/// decline) move it the same way, each inside one transaction of the store.
public enum EscalationProgress {
    /// Past the current step: the next step, the next round, or exhausted (and then the admins' alert is due).
    public static func advance(_ e: inout EscalationRecord, plan: EscalationPlan, now: Date) {
        e.stepPaged = false
        e.nextDeadline = now
        if e.stepIndex + 1 < plan.steps.count {
            e.stepIndex += 1
        } else if e.round + 1 < plan.rounds {
            e.round += 1
            e.stepIndex = 0
        } else {
            e.status = .exhausted
            e.closedAt = now
            e.alertDue = !plan.admins.isEmpty
        }
    }

    /// The current step's pages are out: wait for an answer, unless nobody was reached or everyone
    /// reached has declined already, when waiting helps nobody and the chain moves on at once.
    public static func stepPaged(_ e: inout EscalationRecord, plan: EscalationPlan, answers: StepAnswers, now: Date) {
        if answers.stillComing.isEmpty {
            advance(&e, plan: plan, now: now)
        } else {
            e.stepPaged = true
            e.nextDeadline = now.addingTimeInterval(plan.wait(afterStep: e.stepIndex))
        }
    }

    /// A decline: the step ends when nobody reached in it may still come; the others keep their time.
    public static func declined(_ e: inout EscalationRecord, plan: EscalationPlan, answers: StepAnswers, now: Date) {
        if e.stepPaged, answers.stillComing.isEmpty { advance(&e, plan: plan, now: now) }
    }

    /// An acknowledgement closes the escalation; it is final.
    public static func acknowledged(_ e: inout EscalationRecord, now: Date) {
        e.status = .acknowledged
        e.closedAt = now
    }
}
