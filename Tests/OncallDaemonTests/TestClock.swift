// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallDaemon
import Synchronization
import Testing

/// Time that moves only when the test says so, and sleepers that really sleep until it does.
///
/// `ManualClock`'s sleep only yields, which suits `tick()` but would spin the engine's real `run()` loop.
/// Here `sleep(for:)` suspends until `advance(by:)` moves time to or past the sleeper's deadline (or its task
/// is cancelled), so a test drives `run()` exactly as the system clock would, only faster. The clock also
/// keeps what each sleeper asked for, so a test can see how long the engine meant to sleep.
final class TestClock: WallClock {
    private struct Sleeper {
        var deadline: Date
        var seconds: Double
        var continuation: CheckedContinuation<Void, any Error>
    }
    private struct State {
        var now: Date
        var sleepers: [UInt64: Sleeper] = [:]
        var nextID: UInt64 = 0
        var requests: [Double] = []
    }
    private let state: Mutex<State>

    init(_ start: Date) { state = Mutex(State(now: start)) }

    var now: Date { state.withLock { $0.now } }

    /// How many sleeps are suspended right now.
    var sleepers: Int { state.withLock { $0.sleepers.count } }

    /// The durations the suspended sleepers asked for, shortest first.
    var pendingSleeps: [Double] { state.withLock { $0.sleepers.values.map(\.seconds).sorted() } }

    /// Every sleep asked for since the start, in order.
    var requests: [Double] { state.withLock { $0.requests } }

    func sleep(for seconds: Double) async throws {
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            s.requests.append(seconds)
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let early = state.withLock { s -> Result<Void, any Error>? in
                    // The cancellation handler may have run before this: the task's flag is set by then.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    let deadline = s.now.addingTimeInterval(seconds)
                    if deadline <= s.now { return .success(()) }
                    s.sleepers[id] = Sleeper(deadline: deadline, seconds: seconds, continuation: continuation)
                    return nil
                }
                if let early { continuation.resume(with: early) }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time on and wakes exactly the sleepers now due, earliest deadline first.
    func advance(by seconds: Double) {
        let due = state.withLock { s -> [Sleeper] in
            s.now = s.now.addingTimeInterval(seconds)
            let now = s.now
            let ids = s.sleepers.filter { $0.value.deadline <= now }.keys
            return ids.compactMap { s.sleepers.removeValue(forKey: $0) }.sorted { $0.deadline < $1.deadline }
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Waits (in real time, bounded) until exactly `count` sleepers are suspended: the engine has gone back to sleep.
    /// Past `within` it records an issue and throws, so an engine that never sleeps fails the test instead of hanging it.
    func waitForSleepers(_ count: Int, within: Duration = .seconds(120), sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await waitUntil("\(count) sleepers (now \(sleepers), asked for \(requests))", within: within, sourceLocation: sourceLocation) {
            self.sleepers == count
        }
    }

    /// Waits until `count` sleepers are suspended and no sleep has been asked for during `quiet` of real time:
    /// nothing is left running that could still page. For checks that something did *not* happen.
    func waitUntilSettled(sleepers count: Int, quiet: Duration = .milliseconds(150), sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await waitUntil("\(count) sleepers and quiet (now \(sleepers), asked for \(requests))", sourceLocation: sourceLocation) {
            guard self.sleepers == count else { return false }
            let asked = self.requests.count
            try await Task.sleep(for: quiet)
            return self.sleepers == count && self.requests.count == asked
        }
    }
}

/// Polls `condition` in real time until it holds; past `within` records an issue naming `what` and throws.
///
/// The bound only turns a hang into a failure. It is generous because the whole suite runs in parallel on two
/// cores, where synchronous solves in other suites can hold both of the cooperative pool's threads for many seconds.
func waitUntil(
    _ what: @autoclosure () -> String, within: Duration = .seconds(120), sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let end = clock.now + within
    while try await !condition() {
        if clock.now >= end {
            Issue.record("timed out waiting for \(what())", sourceLocation: sourceLocation)
            throw TimedOut()
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}

struct TimedOut: Error {}
