// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// An escalation as `GET /v1/escalations/{id}` shows it: the daemon's own record of what it did.
struct EscalationReadback: Decodable, Sendable {
    struct Step: Decodable, Sendable {
        struct Target: Decodable, Sendable { var member: String }
        var tier: String
        var targets: [Target]
    }

    /// One attempt of one page; every resend of a page carries the same `pageId`.
    struct Attempt: Decodable, Sendable {
        var pageId: String
        var member: String
        var tier: String
        var sentAt: Date
        /// "sending" (never finished: the daemon died during the send), "delivered" or "failed: why".
        var result: String
        var attempt: Int
        enum CodingKeys: String, CodingKey {
            case member, tier, result, attempt
            case pageId = "page_id"
            case sentAt = "sent_at"
        }
    }

    struct Answer: Decodable, Sendable {
        var member: String
        var kind: String
        var at: Date
    }

    var id: String
    /// "open", "acknowledged" or "exhausted".
    var status: String
    var note: String
    var plan: [Step]
    var pages: [Attempt]
    var answers: [Answer]

    /// When the acknowledgement committed, by the daemon's clock.
    var acknowledgedAt: Date? { answers.first { $0.kind == "ack" }?.at }

    /// Every member the plan pages, in plan order.
    var members: [String] { plan.flatMap { $0.targets.map(\.member) } }

    /// A label for a member that does not name them: the tier and the place in its step ("backup#1").
    func label(member: String, tier: String) -> String {
        guard let step = plan.first(where: { $0.tier == tier }), let i = step.targets.firstIndex(where: { $0.member == member }) else {
            return tier
        }
        return "\(tier)#\(i + 1)"
    }

    static func decode(_ data: Data) throws -> EscalationReadback {
        let decoder = JSONDecoder()
        // The daemon writes dates with milliseconds, which .iso8601 does not read.
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = f.date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
            }
            return date
        }
        return try decoder.decode(EscalationReadback.self, from: data)
    }
}
