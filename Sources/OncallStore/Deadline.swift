// SPDX-License-Identifier: GPL-3.0-or-later

/// `body`'s result, or `error` thrown once `seconds` have passed (the body is then cancelled): a store call
/// that waits on a database that is down must end, so the daemon can say so instead of hanging.
public func withDeadline<T: Sendable>(
    seconds: Double, else error: some Error & Sendable, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw error
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}

/// A deadline passed (see `withDeadline`).
public struct DeadlinePassed: Error, Sendable {
    public init() {}
}
