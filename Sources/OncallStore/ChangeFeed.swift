// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// Hands each committed change to every subscriber. A subscriber that falls behind keeps only the newest
/// few changes: each one means "read again", so a dropped duplicate loses nothing.
public final class ChangeFeed: Sendable {
    private let subscribers = Mutex<[UUID: AsyncStream<StoreChange>.Continuation]>([:])

    public init() {}

    public func subscribe() -> AsyncStream<StoreChange> {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreChange.self, bufferingPolicy: .bufferingNewest(8))
        let id = UUID()
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in _ = self?.subscribers.withLock { $0.removeValue(forKey: id) } }
        return stream
    }

    public func post(_ change: StoreChange) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(change) }
    }

    /// Ends every subscription (the store is closing).
    public func finish() {
        for continuation in subscribers.withLock({ s -> [AsyncStream<StoreChange>.Continuation] in
            defer { s.removeAll() }
            return Array(s.values)
        }) { continuation.finish() }
    }
}
