// SPDX-License-Identifier: GPL-3.0-or-later

import Dispatch
import Foundation
import GLPK
import Synchronization
import Testing

/// Lets a test hand a non-Sendable value to another thread on purpose, to check the wrapper's thread guard.
private struct UncheckedTransfer<Value>: @unchecked Sendable {
    let value: Value
}

/// Runs `body` on a new OS thread and waits for it.
private func onNewThread(_ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    done.wait()
}

@Suite("Threads")
struct ThreadPoolTests {
    @Test("50 concurrent MIPs on a 2-thread pool all return the brute-force optimum")
    func concurrentSolves() async throws {
        let pool = GLPKThreadPool(threads: 2)
        defer { pool.shutdown() }
        let knapsacks = (0..<50).map { Knapsack.small(seed: UInt64(1000 + $0)) }
        let results = try await withThrowingTaskGroup(of: (Int, Double?, SolutionStatus).self) { group in
            for (index, knapsack) in knapsacks.enumerated() {
                group.addTask {
                    try await pool.run {
                        try GLPK.withProblem { problem in
                            try knapsack.load(into: problem)
                            let result = try problem.solveMIP()
                            return (index, result.objective, result.status)
                        }
                    }
                }
            }
            var results: [Int: (Double?, SolutionStatus)] = [:]
            for try await (index, objective, status) in group {
                results[index] = (objective, status)
            }
            return results
        }
        #expect(results.count == 50)
        for (index, knapsack) in knapsacks.enumerated() {
            #expect(results[index]?.1 == .optimal)
            #expect(results[index]?.0 == knapsack.bruteForceOptimum(), "knapsack \(index)")
        }
    }

    @Test("Errors thrown by the body reach the caller")
    func errorsPropagate() async throws {
        let pool = GLPKThreadPool(threads: 1)
        defer { pool.shutdown() }
        let error = await #expect(throws: GLPKError.self) {
            try await pool.run {
                try GLPK.withProblem { problem in try problem.setRowBounds(1, .free) }
            }
        }
        #expect(error?.code == .invalidArgument)
        // The thread survived the error and still works.
        let rows = try await pool.run { try GLPK.withProblem { problem in try problem.addRows(3) } }
        #expect(rows == 1)
    }

    @Test("After shutdown, run throws .invalidState")
    func shutdown() async throws {
        let pool = GLPKThreadPool(threads: 1)
        #expect(try await pool.run { 41 + 1 } == 42)
        pool.shutdown()
        let error = await #expect(throws: GLPKError.self) { try await pool.run { 0 } }
        #expect(error?.code == .invalidState)
    }

    @Test("A job cancelled while queued never runs and throws CancellationError")
    func cancelQueued() async throws {
        let pool = GLPKThreadPool(threads: 1)
        defer { pool.shutdown() }
        let gate = DispatchSemaphore(value: 0)
        let ran = Atomic<Bool>(false)
        // Occupies the only thread until the gate opens.
        let blocker = Task { try await pool.run { gate.wait() } }
        let queued = Task {
            try await pool.run { ran.store(true, ordering: .relaxed) }
        }
        try await Task.sleep(for: .milliseconds(50))
        queued.cancel()
        await #expect(throws: CancellationError.self) { try await queued.value }
        gate.signal()
        try await blocker.value
        // One more job through the same thread shows the queue moved past the cancelled one.
        try await pool.run {}
        #expect(ran.load(ordering: .relaxed) == false)
    }

    @Test("Build, solve and free many times on a worker thread, then free its environment")
    func repeatedOnWorkerThread() throws {
        let objectives = Mutex<[Double?]>([])
        onNewThread {
            for _ in 0..<200 {
                let objective = try? GLPK.withProblem { problem in
                    try Knapsack.classic.load(into: problem)
                    return try problem.solveMIP().objective
                }
                objectives.withLock { $0.append(objective) }
            }
            GLPK.freeThreadEnvironment()
            // A fresh environment works after freeing the old one.
            let again = try? GLPK.withProblem { problem in
                try Knapsack.classic.load(into: problem)
                return try problem.solveMIP().objective
            }
            objectives.withLock { $0.append(again) }
            GLPK.freeThreadEnvironment()
        }
        let all = objectives.withLock { $0 }
        #expect(all.count == 201)
        #expect(all.allSatisfy { $0 == 90 })
    }

    @Test("Using a problem from another thread throws .wrongThread instead of aborting")
    func wrongThread() throws {
        let outcome = Mutex<GLPKError?>(nil)
        try GLPK.withProblem { problem in
            try problem.addRows(1)
            let transfer = UncheckedTransfer(value: problem)
            onNewThread {
                do {
                    try transfer.value.setRowBounds(1, .upper(1))
                } catch let error as GLPKError {
                    outcome.withLock { $0 = error }
                } catch {}
            }
            #expect(problem.rowBounds(1) == .free)
        }
        #expect(outcome.withLock { $0 }?.code == .wrongThread)
    }

    @Test("GLPK reports a thread-safe (TLS) build, version 5.x")
    func build() {
        #expect(GLPK.isReentrant)
        #expect(GLPK.version.hasPrefix("5."))
    }
}
