// SPDX-License-Identifier: GPL-3.0-or-later
import NIOPosix

/// Where a request's heavy work runs (parsing and checking a city's roster): on a thread of its own, one
/// job at a time. Requests then queue behind each other instead of taking the few threads that Swift's
/// concurrency shares with the escalation engine, so no upload can delay a page.
enum RequestWork {
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }
}
