// SPDX-License-Identifier: GPL-3.0-or-later
import Synchronization

/// Lets the engine sleep until its next deadline and be woken early when new work arrives.
///
/// A ring while nobody waits is kept, so a wake between two waits is never lost.
final class Wakeup: Sendable {
    private struct State {
        var rung = false
        var waiter: (id: UInt64, continuation: CheckedContinuation<Void, Never>)?
        var nextID: UInt64 = 0
        /// A timer that fired before its wait had begun to wait.
        var expiredID: UInt64?
    }
    private let state = Mutex(State())

    func ring() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard let w = s.waiter else {
                s.rung = true
                return nil
            }
            s.waiter = nil
            return w.continuation
        }
        waiter?.resume()
    }

    /// Returns when rung (now or since the last wait), or after `seconds` on `clock`, or when cancelled.
    func wait(seconds: Double, clock: any WallClock) async {
        let id = state.withLock { s -> UInt64? in
            if s.rung {
                s.rung = false
                return nil
            }
            s.nextID += 1
            return s.nextID
        }
        guard let id, seconds > 0 else { return }
        await withTaskGroup(of: Void.self) { group in
            // The timer ends only its own wait: a later wait is not cut short by an old timer.
            group.addTask {
                try? await clock.sleep(for: seconds)
                self.expire(id)
            }
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { s -> Bool in
                    if s.rung {
                        s.rung = false
                        return true
                    }
                    if s.expiredID == id { return true }
                    s.waiter = (id, continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
            group.cancelAll()
        }
    }

    private func expire(_ id: UInt64) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard let w = s.waiter, w.id == id else {
                s.expiredID = id
                return nil
            }
            s.waiter = nil
            return w.continuation
        }
        waiter?.resume()
    }
}
