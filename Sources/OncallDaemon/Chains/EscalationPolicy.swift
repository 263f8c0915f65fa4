// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallNotifiers
import RosterModel

/// A contact outside the roster: the coordinator, an administrator, a named desk.
public struct ExtraContact: Codable, Sendable, Equatable {
    public var id: String
    public var contact: Contact
    public init(id: String, contact: Contact) {
        self.id = id
        self.contact = contact
    }
}

/// How escalations run, from the config file and the command line.
public struct EscalationPolicy: Sendable, Equatable {
    public var ackTimeoutSeconds: Double
    public var rounds: Int
    public var coordinator: ExtraContact?
    public var admins: [ExtraContact]
    /// Configured chains, first match wins; without a match, the default chain for the escalation.
    public var chains: [ChainPolicy]
    /// Named contacts a chain's `{contact: ID}` step pages (a night office, a desk).
    public var contacts: [ExtraContact]

    public init(
        ackTimeoutSeconds: Double = 300, rounds: Int = 2, coordinator: ExtraContact? = nil, admins: [ExtraContact] = [],
        chains: [ChainPolicy] = [], contacts: [ExtraContact] = []
    ) {
        self.ackTimeoutSeconds = ackTimeoutSeconds
        self.rounds = rounds
        self.coordinator = coordinator
        self.admins = admins
        self.chains = chains
        self.contacts = contacts
    }
}
