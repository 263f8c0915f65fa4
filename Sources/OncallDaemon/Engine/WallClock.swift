// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Wall time for deadlines, injected so tests can move time by hand.
///
/// Deadlines are stored as wall-clock instants: only those survive a restart.
public protocol WallClock: Sendable {
    var now: Date { get }
    func sleep(for seconds: Double) async throws
}

public struct SystemWallClock: WallClock {
    public init() {}
    public var now: Date { Date() }
    public func sleep(for seconds: Double) async throws { try await Task.sleep(for: .seconds(seconds)) }
}
