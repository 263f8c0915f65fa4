// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import Synchronization

/// The store's writes, committed in groups: the writes that arrive while a commit is on its way
/// to the disk go out together in the next transaction, one fsync for all of them.
///
/// Each caller still returns only once its own changes are committed (WAL, `synchronous = FULL`),
/// so nothing is acted on before it is durable. Each write runs in a savepoint of its own inside
/// the shared transaction: a write that throws is rolled back alone and its caller gets the error;
/// the others are unaffected. If the commit itself fails, every caller of the group gets that error
/// and none of their changes is stored. Writes run one after another in arrival order, each seeing
/// the ones before it, exactly as separate transactions would.
///
/// Alone, a write is one transaction as before; under load (hundreds of escalations a second, each
/// several writes) this turns hundreds of fsyncs a second into a few tens.
final class GroupCommit: Sendable {
    private struct Job: Sendable {
        /// Applies the caller's changes in a savepoint and keeps their outcome.
        var run: @Sendable (Database) -> Void
        /// Answers the caller: with the outcome when the transaction committed, else with its error.
        var finish: @Sendable ((any Error)?) -> Void
    }

    private struct State {
        var jobs: [Job] = []
        /// Whether a drain is queued or running on the writer.
        var draining = false
    }

    private let writer: DatabasePool
    private let state = Mutex(State())

    init(writer: DatabasePool) { self.writer = writer }

    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let outcome = Outcome<T>()
            let job = Job(
                run: { db in
                    outcome.set(
                        Result {
                            var value: T?
                            try db.inSavepoint {
                                value = try updates(db)
                                return .commit
                            }
                            return value!
                        })
                },
                finish: { commitError in
                    if let commitError {
                        continuation.resume(throwing: commitError)
                    } else {
                        continuation.resume(with: outcome.take())
                    }
                })
            let startDrain = state.withLock { s -> Bool in
                s.jobs.append(job)
                if s.draining { return false }
                s.draining = true
                return true
            }
            if startDrain { writer.asyncWriteWithoutTransaction { db in self.drain(db) } }
        }
    }

    /// Commits the waiting writes in groups until none is left.
    private func drain(_ db: Database) {
        while true {
            let jobs = state.withLock { s -> [Job] in
                let jobs = s.jobs
                s.jobs = []
                if jobs.isEmpty { s.draining = false }
                return jobs
            }
            if jobs.isEmpty { return }
            do {
                try db.inTransaction {
                    for job in jobs { job.run(db) }
                    return .commit
                }
                for job in jobs { job.finish(nil) }
            } catch {
                for job in jobs { job.finish(error) }
            }
        }
    }
}

/// One write's result, set on the writer and read once when the caller is answered.
private final class Outcome<T: Sendable>: Sendable {
    private let result = Mutex<Result<T, any Error>?>(nil)

    func set(_ r: Result<T, any Error>) { result.withLock { $0 = r } }

    func take() -> Result<T, any Error> {
        result.withLock { $0 } ?? .failure(DatabaseError(resultCode: .SQLITE_MISUSE, message: "a grouped write finished without running"))
    }
}
