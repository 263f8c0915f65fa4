// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

/// Delivers one page over one channel; throws when the channel did not take it.
public protocol Notifier: Sendable {
    func send(_ message: PageMessage, via channel: RosterModel.Channel) async throws
}

/// Why a channel did not take a page, in words safe for the log: no address, no secret.
public struct NotifierError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
