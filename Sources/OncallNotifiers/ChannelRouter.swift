// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

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

    public func send(_ message: PageMessage, via channel: RosterModel.Channel) async throws {
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
