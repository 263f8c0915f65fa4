// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// Failed sign-ins per client address: after `limit` failures within `window` seconds the address is refused,
/// even with a good token (so guessing cannot go on), until the oldest of those failures is `window` old.
///
/// In memory only: a restart forgets, and an attacker cannot restart the daemon. Successes are not counted,
/// nor do they clear the count (a right token between guesses must not buy more guesses).
final class LoginThrottle: Sendable {
    let limit: Int
    let window: TimeInterval
    /// The last `limit` failures of each address, oldest first.
    private let failures = Mutex<[String: [Date]]>([:])
    /// Past this many addresses, those whose failures are all old are forgotten.
    private let pruneAbove = 10_000

    init(limit: Int = 10, window: TimeInterval = 300) {
        self.limit = limit
        self.window = window
    }

    /// Whole seconds until `address` may try again; nil when it may try now.
    func retryAfter(_ address: String, now: Date) -> Int? {
        failures.withLock { all in
            let recent = (all[address] ?? []).filter { now.timeIntervalSince($0) < window }
            all[address] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return max(1, Int(oldest.addingTimeInterval(window).timeIntervalSince(now).rounded(.up)))
        }
    }

    func recordFailure(_ address: String, now: Date) {
        failures.withLock { all in
            if all.count > pruneAbove {
                all = all.filter { _, times in times.contains { now.timeIntervalSince($0) < window } }
            }
            var times = all[address, default: []].filter { now.timeIntervalSince($0) < window }
            times.append(now)
            all[address] = Array(times.suffix(limit))
        }
    }
}
