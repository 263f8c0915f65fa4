// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import OncallCalendar
import RosterModel

/// The roster in force for a month: its latest version, as duty rows.
public struct PublishedRoster: Sendable, Equatable {
    public var month: String
    /// The version in force; 0 on a roster not yet published (the store numbers it when it publishes it).
    public var version: Int
    /// The duties in the order they were published (the daemon publishes them in reading order).
    public var duties: [PublishedDuty]
    public var publishedAt: Date
    public var publishedBy: String

    public init(month: String, version: Int = 0, duties: [PublishedDuty], publishedAt: Date, publishedBy: String) {
        self.month = month
        self.version = version
        self.duties = duties
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
    }

    /// `roster` to be published, its duties in the roster's order.
    public init(_ roster: Roster, publishedAt: Date, publishedBy: String) {
        let month = roster.month.description
        self.init(
            month: month, duties: roster.assignments.map { PublishedDuty($0, month: month) }, publishedAt: publishedAt,
            publishedBy: publishedBy)
    }
}

/// One roster as it was published for a month; version 1 is the first, the highest is in force.
public struct PublishedRosterVersion: Sendable, Equatable {
    public var month: String
    public var version: Int
    /// The duties in the order they were published.
    public var duties: [PublishedDuty]
    public var publishedAt: Date
    public var publishedBy: String

    public init(month: String, version: Int, duties: [PublishedDuty], publishedAt: Date, publishedBy: String) {
        self.month = month
        self.version = version
        self.duties = duties
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
    }
}

/// A swap or substitution on the published roster: `member` takes the duty, in place of `replaces` if given.
public struct RosterOverride: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "override"
    public var id: String
    public var pool: String
    public var date: String
    public var shift: String
    public var tier: String
    public var member: String
    public var replaces: String?
    public var createdAt: Date
    public var createdBy: String
    public var revokedAt: Date?

    public init(
        id: String = UUID().uuidString.lowercased(), pool: String, date: String, shift: String, tier: String,
        member: String, replaces: String?, createdAt: Date, createdBy: String, revokedAt: Date? = nil
    ) {
        self.id = id
        self.pool = pool
        self.date = date
        self.shift = shift
        self.tier = tier
        self.member = member
        self.replaces = replaces
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, pool, date, shift, tier, member, replaces
        case createdAt = "created_at"
        case createdBy = "created_by"
        case revokedAt = "revoked_at"
    }
}

public enum EscalationStatus: String, Codable, Sendable {
    case open, acknowledged, exhausted
}

/// An escalation and where its fixed plan has got to.
public struct EscalationRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "escalation"
    public var id: String
    public var pool: String
    public var facility: String?
    public var note: String
    public var urgency: String
    public var idempotencyKey: String?
    public var status: EscalationStatus
    /// Who is paged in what order, fixed at creation so later roster edits do not re-route it. Stored as
    /// JSON, and decoded with the row: no caller reads the text.
    public var plan: EscalationPlan
    public var stepIndex: Int
    public var round: Int
    /// Whether the current step's pages have been sent (and recorded).
    public var stepPaged: Bool
    /// When the engine must next act: send the current step, or move past it.
    public var nextDeadline: Date
    public var createdAt: Date
    public var createdBy: String
    public var closedAt: Date?
    /// The chain ran out and the admins' alert is not yet sent: due until it is, across restarts.
    public var alertDue: Bool
    /// The patient the escalation is for, if it is for one (their id only).
    public var patient: String?
    /// A digest of what the caller asked for, so the same idempotency key with another request is refused.
    public var requestFingerprint: String?

    public init(
        id: String = UUID().uuidString.lowercased(), pool: String, facility: String?, note: String, urgency: String,
        idempotencyKey: String?, status: EscalationStatus = .open, plan: EscalationPlan, stepIndex: Int = 0, round: Int = 0,
        stepPaged: Bool = false, nextDeadline: Date, createdAt: Date, createdBy: String, closedAt: Date? = nil,
        alertDue: Bool = false, patient: String? = nil, requestFingerprint: String? = nil
    ) {
        self.id = id
        self.pool = pool
        self.facility = facility
        self.note = note
        self.urgency = urgency
        self.idempotencyKey = idempotencyKey
        self.status = status
        self.plan = plan
        self.stepIndex = stepIndex
        self.round = round
        self.stepPaged = stepPaged
        self.nextDeadline = nextDeadline
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.closedAt = closedAt
        self.alertDue = alertDue
        self.patient = patient
        self.requestFingerprint = requestFingerprint
    }

    enum CodingKeys: String, CodingKey {
        case id, pool, facility, note, urgency, status, plan, round, patient
        case alertDue = "alert_due"
        case requestFingerprint = "request_fingerprint"
        case idempotencyKey = "idempotency_key"
        case stepIndex = "step_index"
        case stepPaged = "step_paged"
        case nextDeadline = "next_deadline"
        case createdAt = "created_at"
        case createdBy = "created_by"
        case closedAt = "closed_at"
    }
}

/// One attempt to reach one member on one channel. Written as "sending" before the send, and only while
/// the escalation is still at the step the page belongs to.
public struct PageRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "page"
    /// This attempt's row: the page id and the attempt number.
    public var id: String
    /// The same for every attempt and resend of one page: (escalation, round, step, member, channel).
    public var pageId: String
    public var escalationId: String
    public var member: String
    public var tier: String
    public var channel: String
    public var stepIndex: Int
    public var round: Int
    public var attempt: Int
    public var sentAt: Date
    /// "sending", "delivered", or "failed: why".
    public var result: String

    public init(
        pageId: String, escalationId: String, member: String, tier: String, channel: String,
        stepIndex: Int, round: Int, attempt: Int, sentAt: Date, result: String
    ) {
        self.id = "\(pageId).\(attempt)"
        self.pageId = pageId
        self.escalationId = escalationId
        self.member = member
        self.tier = tier
        self.channel = channel
        self.stepIndex = stepIndex
        self.round = round
        self.attempt = attempt
        self.sentAt = sentAt
        self.result = result
    }

    public static let delivered = "delivered"
    public static let sending = "sending"

    enum CodingKeys: String, CodingKey {
        case id, member, tier, channel, round, attempt, result
        case pageId = "page_id"
        case escalationId = "escalation_id"
        case stepIndex = "step_index"
        case sentAt = "sent_at"
    }
}

/// A member's answer to a page.
public struct Acknowledgement: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "acknowledgement"
    public enum Kind: String, Codable, Sendable { case ack, decline }
    public var id: Int64?
    public var escalationId: String
    public var member: String
    public var kind: Kind
    public var at: Date
    /// "token" or "link".
    public var via: String
    /// The step and round the escalation was at when the answer came (set by the store).
    public var stepIndex: Int?
    public var round: Int?

    public init(escalationId: String, member: String, kind: Kind, at: Date, via: String) {
        self.escalationId = escalationId
        self.member = member
        self.kind = kind
        self.at = at
        self.via = via
    }

    enum CodingKeys: String, CodingKey {
        case id, member, kind, at, via, round
        case escalationId = "escalation_id"
        case stepIndex = "step_index"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Who did what, when: every write through the API leaves one.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit_log"
    public var id: Int64?
    public var at: Date
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String

    public init(at: Date, actor: String, action: String, subject: String, detail: String = "") {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
