// SPDX-License-Identifier: GPL-3.0-or-later

/// A way to reach someone: the kind of channel and its address.
///
/// It is all a notifier needs to know of the person it pages; where the channels come from (a member's
/// contact in the network file) is the daemon's business.
public struct Channel: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case webhook, email, sms }
    public var kind: Kind
    public var address: String
    public init(kind: Kind, address: String) {
        self.kind = kind
        self.address = address
    }
}
