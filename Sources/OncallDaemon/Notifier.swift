// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// What a page says. `page_id` lets receivers drop the duplicate a restart may send (at-least-once).
public struct PageMessage: Codable, Sendable, Equatable {
    public var pageId: String
    public var escalationId: String
    public var member: String
    public var tier: String
    public var pool: String
    public var note: String
    public var urgency: String
    public var ackURL: String
    public var declineURL: String

    public init(
        pageId: String, escalationId: String, member: String, tier: String, pool: String, note: String, urgency: String,
        ackURL: String, declineURL: String
    ) {
        self.pageId = pageId
        self.escalationId = escalationId
        self.member = member
        self.tier = tier
        self.pool = pool
        self.note = note
        self.urgency = urgency
        self.ackURL = ackURL
        self.declineURL = declineURL
    }

    enum CodingKeys: String, CodingKey {
        case member, tier, pool, note, urgency
        case pageId = "page_id"
        case escalationId = "escalation_id"
        case ackURL = "ack_url"
        case declineURL = "decline_url"
    }
}

/// Delivers one page over one channel; throws when the channel did not take it.
public protocol Notifier: Sendable {
    func send(_ message: PageMessage, via channel: Channel) async throws
}

public struct NotifierError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Sends each channel kind through its own notifier; a kind with none configured fails, so the next channel is tried.
public struct ChannelRouter: Notifier {
    public var webhook: (any Notifier)?
    public var email: (any Notifier)?
    public var sms: (any Notifier)?

    public init(webhook: (any Notifier)? = nil, email: (any Notifier)? = nil, sms: (any Notifier)? = nil) {
        self.webhook = webhook
        self.email = email
        self.sms = sms
    }

    public func send(_ message: PageMessage, via channel: Channel) async throws {
        let notifier: (any Notifier)? =
            switch channel.kind {
            case .webhook: webhook
            case .email: email
            case .sms: sms
            }
        guard let notifier else { throw NotifierError("no \(channel.kind.rawValue) channel configured") }
        try await notifier.send(message, via: channel)
    }
}
