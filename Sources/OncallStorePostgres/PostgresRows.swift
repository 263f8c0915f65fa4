// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import PostgresNIO
import RosterModel

/// Rows as records: the one place a column of a PostgreSQL row becomes a field of a record.
extension PostgresRandomAccessRow {
    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self, context: .default)
    }
}

extension EscalationRecord {
    static let columns = """
        id, pool, facility, note, urgency, idempotency_key, status, plan, step_index, round, step_paged, next_deadline,
        created_at, created_by, closed_at, alert_due, patient, request_fingerprint
        """

    init(row: PostgresRow) throws {
        let r = row.makeRandomAccess()
        let status: String = try r.value("status")
        guard let closed = EscalationStatus(rawValue: status) else { throw StoreError(.schemaNotCurrent, "escalation status \"\(status)\" is unknown") }
        self.init(
            id: try r.value("id"), pool: try r.value("pool"), facility: try r.value("facility"), note: try r.value("note"),
            urgency: try r.value("urgency"), idempotencyKey: try r.value("idempotency_key"), status: closed, plan: try EscalationPlan.decode(try r.value("plan")),
            stepIndex: Int(try r.value("step_index", as: Int64.self)), round: Int(try r.value("round", as: Int64.self)),
            stepPaged: try r.value("step_paged"), nextDeadline: try r.value("next_deadline"), createdAt: try r.value("created_at"),
            createdBy: try r.value("created_by"), closedAt: try r.value("closed_at"), alertDue: try r.value("alert_due"),
            patient: try r.value("patient"), requestFingerprint: try r.value("request_fingerprint"))
    }
}

extension PageRecord {
    static let columns = "id, page_id, escalation_id, member, tier, channel, step_index, round, attempt, sent_at, result"

    init(row: PostgresRow) throws {
        let r = row.makeRandomAccess()
        self.init(
            pageId: try r.value("page_id"), escalationId: try r.value("escalation_id"), member: try r.value("member"),
            tier: try r.value("tier"), channel: try r.value("channel"), stepIndex: Int(try r.value("step_index", as: Int64.self)),
            round: Int(try r.value("round", as: Int64.self)), attempt: Int(try r.value("attempt", as: Int64.self)),
            sentAt: try r.value("sent_at"), result: try r.value("result"))
        id = try r.value("id")
    }
}

extension Acknowledgement {
    static let columns = "id, escalation_id, member, kind, at, via, step_index, round"

    init(row: PostgresRow) throws {
        let r = row.makeRandomAccess()
        let kind: String = try r.value("kind")
        guard let known = Kind(rawValue: kind) else { throw StoreError(.schemaNotCurrent, "acknowledgement kind \"\(kind)\" is unknown") }
        self.init(escalationId: try r.value("escalation_id"), member: try r.value("member"), kind: known, at: try r.value("at"), via: try r.value("via"))
        id = try r.value("id")
        stepIndex = try r.value("step_index", as: Int64?.self).map(Int.init)
        round = try r.value("round", as: Int64?.self).map(Int.init)
    }
}

extension AuditEntry {
    init(row: PostgresRow) throws {
        let r = row.makeRandomAccess()
        self.init(at: try r.value("at"), actor: try r.value("actor"), action: try r.value("action"), subject: try r.value("subject"), detail: try r.value("detail"))
        id = try r.value("id")
    }
}

extension RosterOverride {
    static let columns = "id, pool, date, shift, tier, member, replaces, created_at, created_by, revoked_at"

    init(row: PostgresRow) throws {
        let r = row.makeRandomAccess()
        self.init(
            id: try r.value("id"), pool: try r.value("pool"), date: try r.value("date"), shift: try r.value("shift"), tier: try r.value("tier"),
            member: try r.value("member"), replaces: try r.value("replaces"), createdAt: try r.value("created_at"),
            createdBy: try r.value("created_by"), revokedAt: try r.value("revoked_at"))
    }
}

extension PublishedRoster {
    /// The roster's row; its duties are read by a query of their own.
    init(row: PostgresRow) throws {
        let r = row.makeRandomAccess()
        self.init(
            month: try r.value("month"), version: Int(try r.value("version", as: Int64.self)), duties: [],
            publishedAt: try r.value("published_at"), publishedBy: try r.value("published_by"))
    }
}

extension PublishedRosterVersion {
    /// The version's row; its duties are read by a query of their own.
    init(row: PostgresRow) throws {
        let r = row.makeRandomAccess()
        self.init(
            month: try r.value("month"), version: Int(try r.value("version", as: Int64.self)), duties: [],
            publishedAt: try r.value("published_at"), publishedBy: try r.value("published_by"))
    }
}

extension PublishedDuty {
    static let columns = "month, version, date, shift, pool, tier, member"

    init(row: PostgresRow) throws {
        let r = row.makeRandomAccess()
        let tier: String = try r.value("tier")
        guard let known = Tier(rawValue: tier) else { throw StoreError(.schemaNotCurrent, "duty tier \"\(tier)\" is unknown") }
        self.init(
            month: try r.value("month"), version: Int(try r.value("version", as: Int64.self)), date: try r.value("date"),
            shift: try r.value("shift"), pool: try r.value("pool"), tier: known, member: try r.value("member"))
    }
}

extension FeedKeyRecord {
    static let columns = "id, kind, subject, key_hash, created_at, created_by, revoked_at"

    init(row: PostgresRow) throws {
        let r = row.makeRandomAccess()
        let kind: String = try r.value("kind")
        guard let known = Kind(rawValue: kind) else { throw StoreError(.schemaNotCurrent, "feed key kind \"\(kind)\" is unknown") }
        self.init(
            id: try r.value("id"), kind: known, subject: try r.value("subject"), keyHash: try r.value("key_hash"),
            createdAt: try r.value("created_at"), createdBy: try r.value("created_by"), revokedAt: try r.value("revoked_at"))
    }
}

extension PatientRecord {
    static let columns = "id, name, facility, attending, partner, hospital, consent, updated_at"

    init(row: PostgresRow) throws {
        let r = row.makeRandomAccess()
        self.init(
            id: try r.value("id"), name: try r.value("name"), facility: try r.value("facility"), attending: try r.value("attending"),
            partner: try r.value("partner"), hospital: try r.value("hospital"), consent: try r.value("consent"), updatedAt: try r.value("updated_at"))
    }
}

extension WebSessionRecord {
    static let columns = "id_hash, token_hash, created_at, expires_at"

    init(row: PostgresRow) throws {
        let r = row.makeRandomAccess()
        self.init(
            idHash: try r.value("id_hash"), tokenHash: try r.value("token_hash"), createdAt: try r.value("created_at"),
            expiresAt: try r.value("expires_at"))
    }
}
