// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import RosterModel

// What the escalation routes read and answer.

/// `POST /v1/escalations`: for a patient, a facility or a pool.
struct EscalationRequest: Decodable {
    var pool: String?
    var facility: String?
    var patient: String?
    var note: String?
    var urgency: String?
    var idempotencyKey: String?
    enum CodingKeys: String, CodingKey {
        case pool, facility, patient, note, urgency
        case idempotencyKey = "idempotency_key"
    }
    static let fields: Set<String> = ["pool", "facility", "patient", "note", "urgency", "idempotency_key"]
}

/// How urgent the caller says it is; carried on every page.
enum Urgency: String, CaseIterable { case high, normal, low }

struct MemberRequest: Decodable {
    var member: String?
    static let fields: Set<String> = ["member"]
}

/// An escalation as the API shows it.
struct EscalationView: Encodable {
    struct Page: Encodable {
        var pageId: String
        var member: String
        var tier: String
        var channel: String
        var sentAt: Date
        var result: String
        var attempt: Int
        enum CodingKeys: String, CodingKey {
            case member, tier, channel, result, attempt
            case pageId = "page_id"
            case sentAt = "sent_at"
        }
    }
    struct Answer: Encodable {
        var member: String
        var kind: String
        var at: Date
    }
    struct PatientView: Encodable {
        var id: String
        /// Only with the patient's consent.
        var name: String?
    }
    var id: String
    var status: String
    var pool: String
    var facility: String?
    var patient: PatientView?
    var note: String
    var urgency: String
    var step: Int
    var round: Int
    /// Whether the current step's pages went out (and were recorded).
    var paged: Bool
    var nextDeadline: Date
    var plan: [PlanStep]
    var pages: [Page]
    var answers: [Answer]
    enum CodingKeys: String, CodingKey {
        case id, status, pool, facility, patient, note, urgency, step, round, paged, plan, pages, answers
        case nextDeadline = "next_deadline"
    }
}

/// What `POST /v1/escalations` answers: the escalation, and who is next on the rota when nobody is now.
struct CreatedView: Encodable {
    var id: String
    var status: String
    var pool: String
    var patient: String?
    var nextOnRota: Coverage?
    enum CodingKeys: String, CodingKey {
        case id, status, pool, patient
        case nextOnRota = "next_on_rota"
    }
}
