// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterSolver
import Synchronization

/// One line on standard error, redrawn while the solver works: best objective, bound, elapsed.
/// Drawn only on a terminal, at most ten times a second.
final class TerminalProgress: Sendable {
    private let console: Console
    private let lastDrawn = Mutex<ContinuousClock.Instant?>(nil)

    init?(console: Console) {
        guard console.errIsTerminal else { return nil }
        self.console = console
    }

    func show(_ progress: SolveProgress) {
        let now = ContinuousClock().now
        let due = lastDrawn.withLock { last -> Bool in
            if let last, now - last < .milliseconds(100), progress.componentsDone < progress.componentsTotal { return false }
            last = now
            return true
        }
        guard due else { return }
        let best = progress.incumbent.map { format($0) } ?? "—"
        let bound = progress.bound.map { format($0) } ?? "—"
        let scope = progress.partsWithRoster < progress.componentsTotal ? " (over \(progress.partsWithRoster) parts)" : ""
        let line = "solving: \(progress.componentsDone)/\(progress.componentsTotal) parts done  best \(best)  bound \(bound)\(scope)  \(format(progress.elapsed.seconds, digits: 1)) s"
        console.err("\r\u{1B}[K" + line)
    }

    func clear() { console.err("\r\u{1B}[K") }
}
