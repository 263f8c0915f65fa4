// SPDX-License-Identifier: GPL-3.0-or-later

/// A way to reach someone: the kind of channel and its address.
///
/// All a notifier needs to know of the person it pages, and what an escalation's plan keeps of each target,
/// copied from their contact when the escalation is created.
public struct Channel: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case webhook, email, sms }
    public var kind: Kind
    public var address: String
    public init(kind: Kind, address: String) {
        self.kind = kind
        self.address = address
    }

    /// The member's channels in their order: webhook, e-mail, SMS.
    public static func of(_ contact: Contact) -> [Channel] {
        [contact.webhook.map { Channel(kind: .webhook, address: $0) }, contact.email.map { Channel(kind: .email, address: $0) },
         contact.sms.map { Channel(kind: .sms, address: $0) }].compactMap { $0 }
    }
}
