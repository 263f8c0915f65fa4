// SPDX-License-Identifier: GPL-3.0-or-later

internal import Foundation
import Logging

/// A fixed set of dedicated OS threads that run GLPK work. This is how async code reaches GLPK.
///
/// GLPK's state is per OS thread and a problem must not outlive the thread it was made on, while a Swift task
/// may resume on any thread after an `await`. Each pool thread installs GLPK's hooks once (routing output to
/// the pool's logger), runs jobs one at a time, and frees its GLPK environment when the pool shuts down.
///
/// ```swift
/// let pool = GLPKThreadPool(threads: 2)
/// let objective = try await pool.run {
///     try GLPK.withProblem { problem in /* build, solve */ try problem.solveMIP().objective }
/// }
/// ```
public final class GLPKThreadPool: Sendable {
    private let state: PoolState

    /// Starts `threads` worker threads.
    /// - Parameters:
    ///   - threads: Number of threads (>= 1); GLPK is single-threaded, so this is the number of solves
    ///     that run at the same time.
    ///   - logger: Receives GLPK's output from all pool threads.
    public init(threads: Int, logger: Logger = Logger(label: "glpk")) {
        precondition(threads >= 1, "GLPKThreadPool needs at least one thread, got \(threads)")
        self.state = PoolState()
        for index in 0..<threads {
            let state = self.state
            let thread = Thread { state.work(logger: logger) }
            thread.name = "glpk-\(index)"
            // GLPK's recursion and large local arrays want a normal main-thread-sized stack.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    deinit {
        self.state.shutdown()
    }

    /// Runs `body` on one of the pool's threads and suspends the caller until it returns.
    ///
    /// `body` should do all its GLPK work inside `GLPK.withProblem` and return plain values; a `Problem`
    /// must not escape it. Jobs run in submission order. A task cancelled while its job is still queued
    /// gets `CancellationError` and the job never runs; a running job is not interrupted (use a MIP callback
    /// for that).
    /// - Throws: What `body` throws, `CancellationError`, or `GLPKError.invalidState` after `shutdown()`.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let job = Job()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let submitted = self.state.submit(
                    job,
                    work: {
                        do {
                            continuation.resume(returning: try body())
                        } catch {
                            continuation.resume(throwing: error)
                        }
                    },
                    fail: { continuation.resume(throwing: $0) }
                )
                switch submitted {
                case .queued:
                    break
                case .cancelled:
                    continuation.resume(throwing: CancellationError())
                case .shutDown:
                    continuation.resume(
                        throwing: GLPKError(code: .invalidState, message: "GLPKThreadPool has been shut down")
                    )
                }
            }
        } onCancel: {
            self.state.cancel(job)
        }
    }

    /// Stops accepting work; the threads finish the queued jobs, free their GLPK environments and exit.
    /// Does not wait for them.
    public func shutdown() {
        self.state.shutdown()
    }
}

// MARK: - Internals

/// One submitted call; its fields are guarded by the pool's lock.
private final class Job: @unchecked Sendable {
    enum Phase {
        case new, queued, running, cancelled
    }

    var phase = Phase.new
    var work: (@Sendable () -> Void)?
    var fail: (@Sendable (any Error) -> Void)?
}

/// The queue shared by the pool's threads, guarded by one condition variable.
private final class PoolState: @unchecked Sendable {
    enum Submission {
        case queued, cancelled, shutDown
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var isShutDown = false

    func submit(
        _ job: Job,
        work: @escaping @Sendable () -> Void,
        fail: @escaping @Sendable (any Error) -> Void
    ) -> Submission {
        self.condition.lock()
        defer { self.condition.unlock() }
        if job.phase == .cancelled { return .cancelled }
        if self.isShutDown { return .shutDown }
        job.work = work
        job.fail = fail
        job.phase = .queued
        self.queue.append(job)
        self.condition.signal()
        return .queued
    }

    /// Withdraws a job that has not started; the caller's continuation is resumed with `CancellationError`.
    func cancel(_ job: Job) {
        self.condition.lock()
        var fail: (@Sendable (any Error) -> Void)?
        switch job.phase {
        case .new:
            // Cancellation raced ahead of submission; `submit` will see it.
            job.phase = .cancelled
        case .queued:
            job.phase = .cancelled
            self.queue.removeAll { $0 === job }
            fail = job.fail
            job.work = nil
            job.fail = nil
        case .running, .cancelled:
            break
        }
        self.condition.unlock()
        fail?(CancellationError())
    }

    func shutdown() {
        self.condition.lock()
        self.isShutDown = true
        self.condition.broadcast()
        self.condition.unlock()
    }

    /// The body of each pool thread.
    func work(logger: Logger) {
        while let work = self.next() {
            // Re-installing is a no-op unless a job freed this thread's environment itself.
            _ = ThreadEnvironment.install(logger: logger)
            work()
        }
        ThreadEnvironment.free()
    }

    /// Takes the next job's work out of the queue, or returns `nil` once shut down and drained.
    private func next() -> (@Sendable () -> Void)? {
        self.condition.lock()
        defer { self.condition.unlock() }
        while true {
            while self.queue.isEmpty && !self.isShutDown {
                self.condition.wait()
            }
            guard !self.queue.isEmpty else { return nil }
            let job = self.queue.removeFirst()
            job.phase = .running
            let work = job.work
            job.work = nil
            job.fail = nil
            if let work { return work }
        }
    }
}
