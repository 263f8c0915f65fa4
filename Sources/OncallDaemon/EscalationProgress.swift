// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore

/// Moves an escalation past its current step: the next step, the next round, or exhausted.
///
/// Pure, so the engine (on a timeout) and the API (on a decline) move the same way,
/// each inside one transaction.
public enum EscalationProgress {
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
        }
    }
}
