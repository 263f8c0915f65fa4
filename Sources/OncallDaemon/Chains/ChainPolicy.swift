// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

/// One kind of step an escalation chain can have.
public enum ChainStep: Sendable, Equatable {
    /// The patient's own doctor (主治医).
    case attending
    /// The patient's designated partner (副主治医).
    case partner
    /// The escalation's pool, on duty now.
    case primary, backup
    /// Another pool's member on duty now.
    case pool(String, Tier)
    /// The physician on duty for the escalating facility's area (a nurse's call reaches a doctor).
    case physician
    /// The pharmacists on duty in the other pharmacy pools (the support pharmacy's call goes on).
    case pharmacist
    /// The member on duty in a hospital pool covering the patient's hospital (else the district's),
    /// else that hospital's own desk.
    case hospital
    case coordinator
    /// A named contact of the config's `contacts:`.
    case contact(String)

    /// The name a page and `pages[].tier` give the step.
    public var tier: String {
        switch self {
        case .attending: "attending"
        case .partner: "partner"
        case .primary: "primary"
        case .backup: "backup"
        case .pool(_, let tier): tier.rawValue
        case .physician: "physician"
        case .pharmacist: "pharmacist"
        case .hospital: "hospital"
        case .coordinator: "coordinator"
        case .contact: "contact"
        }
    }
}

/// A step of a configured chain and how long it waits for an answer (nil: the ack timeout).
public struct PolicyStep: Sendable, Equatable {
    public var step: ChainStep
    public var waitSeconds: Double?
    public init(_ step: ChainStep, waitSeconds: Double? = nil) {
        self.step = step
        self.waitSeconds = waitSeconds
    }
}

/// A configured chain and the escalations it serves: a pool, a role, patients or pools; first match wins.
public struct ChainPolicy: Sendable, Equatable {
    public enum Kind: String, Sendable { case patient, pool }
    public var pool: String?
    public var role: Role?
    public var kind: Kind?
    public var steps: [PolicyStep]
    public var rounds: Int?

    public init(pool: String? = nil, role: Role? = nil, kind: Kind? = nil, steps: [PolicyStep], rounds: Int? = nil) {
        self.pool = pool
        self.role = role
        self.kind = kind
        self.steps = steps
        self.rounds = rounds
    }

    func matches(kind: Kind, pool: Pool?) -> Bool {
        if let k = self.kind, k != kind { return false }
        if let p = self.pool, p != pool?.id { return false }
        if let r = role, r != pool?.role { return false }
        return true
    }

    /// The chain that needs no configuration: the patient's own doctors first; a nurse's or a pharmacist's
    /// call reaches a physician or the pharmacists on duty elsewhere before the hospital.
    public static func defaultSteps(kind: Kind, role: Role?) -> [ChainStep] {
        switch (kind, role) {
        case (.patient, _): [.attending, .partner, .primary, .backup, .hospital, .coordinator]
        case (.pool, .nurse): [.primary, .backup, .physician, .hospital, .coordinator]
        case (.pool, .pharmacist): [.primary, .backup, .pharmacist, .coordinator]
        case (.pool, _): [.primary, .backup, .hospital, .coordinator]
        }
    }
}
