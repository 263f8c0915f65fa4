// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// Someone a step pages, with the channels copied at creation.
public struct PageTarget: Codable, Sendable, Equatable {
    public var member: String
    public var channels: [Channel]
    public init(member: String, channels: [Channel]) {
        self.member = member
        self.channels = channels
    }
}

/// A candidate a step did not page, and why ("dr0-3 off 2026-12-02", "no channel", "already paged").
public struct SkippedCandidate: Codable, Sendable, Equatable {
    public var member: String
    public var reason: String
    public init(member: String, reason: String) {
        self.member = member
        self.reason = reason
    }
}

/// One step of the chain: every target is paged, then the step waits its time for an answer. A step
/// left with no target (everyone skipped) is passed at once.
public struct PlanStep: Codable, Sendable, Equatable {
    /// What the step is: "attending", "partner", "primary", "backup", "physician", "pharmacist",
    /// "hospital", "coordinator", "contact" (also `pages[].tier` and the page's `tier`).
    public var tier: String
    public var targets: [PageTarget]
    /// Who could have been paged here and was not, with the reason.
    public var skipped: [SkippedCandidate]
    /// The pool the targets are on duty in, for the steps that come from a roster.
    public var pool: String?
    /// How long the step waits for an answer; nil: the plan's `ackTimeoutSeconds`.
    public var waitSeconds: Double?

    public init(tier: String, targets: [PageTarget], skipped: [SkippedCandidate] = [], pool: String? = nil, waitSeconds: Double? = nil) {
        self.tier = tier
        self.targets = targets
        self.skipped = skipped
        self.pool = pool
        self.waitSeconds = waitSeconds
    }

    enum CodingKeys: String, CodingKey {
        case tier, targets, skipped, pool
        case waitSeconds = "wait_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tier = try c.decode(String.self, forKey: .tier)
        targets = try c.decode([PageTarget].self, forKey: .targets)
        // Plans stored before issue 13 have neither.
        skipped = try c.decodeIfPresent([SkippedCandidate].self, forKey: .skipped) ?? []
        pool = try c.decodeIfPresent(String.self, forKey: .pool)
        waitSeconds = try c.decodeIfPresent(Double.self, forKey: .waitSeconds)
    }
}

/// Who is calling, as a page tells the responder: the escalating facility and its callback number.
public struct Caller: Codable, Sendable, Equatable {
    public var facility: String
    public var facilityName: String
    public var callback: String?
    public init(facility: String, facilityName: String, callback: String?) {
        self.facility = facility
        self.facilityName = facilityName
        self.callback = callback
    }
    enum CodingKeys: String, CodingKey {
        case facility, callback
        case facilityName = "facility_name"
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
    /// The escalating facility, when there is one.
    public var caller: Caller?

    public init(steps: [PlanStep], rounds: Int, ackTimeoutSeconds: Double, admins: [PageTarget], caller: Caller? = nil) {
        self.steps = steps
        self.rounds = rounds
        self.ackTimeoutSeconds = ackTimeoutSeconds
        self.admins = admins
        self.caller = caller
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

    /// How long step `index` waits for an answer.
    public func wait(afterStep index: Int) -> Double {
        steps.indices.contains(index) ? steps[index].waitSeconds ?? ackTimeoutSeconds : ackTimeoutSeconds
    }
}
