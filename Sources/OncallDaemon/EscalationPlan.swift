// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// A way to reach someone: the kind of channel and its address.
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

/// Someone a step pages, with the channels copied at creation.
public struct PageTarget: Codable, Sendable, Equatable {
    public var member: String
    public var channels: [Channel]
    public init(member: String, channels: [Channel]) {
        self.member = member
        self.channels = channels
    }
}

/// One step of the chain: every target is paged, then the step waits the ack timeout.
public struct PlanStep: Codable, Sendable, Equatable {
    /// "primary", "backup", "hospital" or "coordinator".
    public var tier: String
    public var targets: [PageTarget]
    public init(tier: String, targets: [PageTarget]) {
        self.tier = tier
        self.targets = targets
    }
}

/// The chain fixed when the escalation is created; later roster edits do not re-route it.
public struct EscalationPlan: Codable, Sendable, Equatable {
    public var steps: [PlanStep]
    /// How many times the whole chain runs before the escalation is exhausted.
    public var rounds: Int
    public var ackTimeoutSeconds: Double
    /// Who is alerted when the chain is exhausted.
    public var admins: [PageTarget]

    public init(steps: [PlanStep], rounds: Int, ackTimeoutSeconds: Double, admins: [PageTarget]) {
        self.steps = steps
        self.rounds = rounds
        self.ackTimeoutSeconds = ackTimeoutSeconds
        self.admins = admins
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ text: String) throws -> EscalationPlan {
        try JSONDecoder().decode(EscalationPlan.self, from: Data(text.utf8))
    }

    /// Whether `member` is paged anywhere in the plan.
    public func involves(_ member: String) -> Bool { steps.contains { $0.targets.contains { $0.member == member } } }

    /// Builds the plan from who covers now: primary, backup, then the district's hospital or the coordinator.
    public static func make(coverage: Coverage, pool: Pool, network: Network, policy: EscalationPolicy) -> EscalationPlan {
        func targets(_ people: [CoveringMember]) -> [PageTarget] {
            people.compactMap { p in
                network.memberIndex[p.member].map { PageTarget(member: p.member, channels: Channel.of(network.members[$0].contact)) }
            }
        }
        var steps: [PlanStep] = []
        let primary = targets(coverage.primary), backup = targets(coverage.backup)
        if !primary.isEmpty { steps.append(PlanStep(tier: "primary", targets: primary)) }
        if !backup.isEmpty { steps.append(PlanStep(tier: "backup", targets: backup)) }
        // The last line: the hospital of the pool's district, else the configured coordinator.
        let districts: Set<String> = {
            switch pool.scope {
            case .district(let d): return [d]
            default: return Set(coverage.primary.compactMap { p in network.facilityIndex[p.facility].flatMap { network.facilities[$0].district } })
            }
        }()
        let hospitals = network.facilities.filter { $0.kind == .hospital && $0.district.map(districts.contains) == true }.map(\.id)
        let hospitalStaff = network.members.filter { hospitals.contains($0.facility) && $0.role == pool.role && !Channel.of($0.contact).isEmpty }
        if !hospitalStaff.isEmpty {
            steps.append(PlanStep(tier: "hospital", targets: hospitalStaff.map { PageTarget(member: $0.id, channels: Channel.of($0.contact)) }))
        } else if let c = policy.coordinator {
            steps.append(PlanStep(tier: "coordinator", targets: [PageTarget(member: c.id, channels: Channel.of(c.contact))]))
        }
        return EscalationPlan(
            steps: steps, rounds: max(1, policy.rounds), ackTimeoutSeconds: policy.ackTimeoutSeconds,
            admins: policy.admins.map { PageTarget(member: $0.id, channels: Channel.of($0.contact)) })
    }
}

/// A contact outside the roster: the coordinator, an administrator.
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
    public init(ackTimeoutSeconds: Double = 300, rounds: Int = 2, coordinator: ExtraContact? = nil, admins: [ExtraContact] = []) {
        self.ackTimeoutSeconds = ackTimeoutSeconds
        self.rounds = rounds
        self.coordinator = coordinator
        self.admins = admins
    }
}
