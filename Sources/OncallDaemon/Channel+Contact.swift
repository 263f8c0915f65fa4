// SPDX-License-Identifier: GPL-3.0-or-later
import OncallNotifiers
import RosterModel

extension Channel {
    /// The member's channels in their order: webhook, e-mail, SMS.
    public static func of(_ contact: Contact) -> [Channel] {
        [contact.webhook.map { Channel(kind: .webhook, address: $0) }, contact.email.map { Channel(kind: .email, address: $0) },
         contact.sms.map { Channel(kind: .sms, address: $0) }].compactMap { $0 }
    }
}
