// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import PostgresNIO
import RosterModel

/// The register of patients and the calendar-feed keys.
extension PostgresStore {
    public func replacePatients(_ patients: [Patient], at now: Date, actor: String) async throws -> RegisterChange {
        try await transaction(notifying: [.patients]) { c -> RegisterChange in
            // One replacement at a time: the change audited is the one between the two registers.
            try await c.query("LOCK TABLE patient IN EXCLUSIVE MODE", logger: self.logger)
            let before = try await self.rows("SELECT \(unescaped: PatientRecord.columns) FROM patient", on: c, PatientRecord.init(row:))
            let change = RegisterChange(before: before.map(\.patient), after: patients)
            try await c.query("DELETE FROM patient", logger: self.logger)
            for p in patients.map({ PatientRecord($0, updatedAt: now) }) {
                try await c.query(
                    """
                    INSERT INTO patient (\(unescaped: PatientRecord.columns))
                    VALUES (\(p.id), \(p.name), \(p.facility), \(p.attending), \(p.partner), \(p.hospital), \(p.consent), \(p.updatedAt))
                    """, logger: self.logger)
            }
            try await self.audit(AuditEntry(at: now, actor: actor, action: "replace_patients", subject: "patients", detail: change.auditDetail), on: c)
            return change
        }
    }

    public func patients() async throws -> [Patient] {
        try await rows("SELECT \(unescaped: PatientRecord.columns) FROM patient ORDER BY id", PatientRecord.init(row:)).map(\.patient)
    }

    public func patients(ofFacilities facilities: Set<String>) async throws -> [Patient] {
        try await rows(
            "SELECT \(unescaped: PatientRecord.columns) FROM patient WHERE facility = ANY(\(Array(facilities))) ORDER BY id", PatientRecord.init(row:)
        ).map(\.patient)
    }

    public func patient(id: String) async throws -> Patient? {
        try await rows("SELECT \(unescaped: PatientRecord.columns) FROM patient WHERE id = \(id)", PatientRecord.init(row:)).first?.patient
    }

    public func deletePatient(id: String, at now: Date, actor: String) async throws -> Bool {
        try await transaction(notifying: [.patients]) { c -> Bool in
            let gone = try await self.rows("DELETE FROM patient WHERE id = \(id) RETURNING id", on: c) { try $0.decode(String.self) }
            guard !gone.isEmpty else { return false }
            try await self.audit(AuditEntry(at: now, actor: actor, action: "delete_patient", subject: id), on: c)
            return true
        }
    }

    // MARK: Feed keys

    public func insert(_ key: FeedKeyRecord, audit: AuditEntry) async throws {
        try await transaction(notifying: [.feedKeys]) { c in
            try await c.query(
                """
                INSERT INTO ical_feed_key (\(unescaped: FeedKeyRecord.columns))
                VALUES (\(key.id), \(key.kind.rawValue), \(key.subject), \(key.keyHash), \(key.createdAt), \(key.createdBy), \(key.revokedAt))
                """, logger: self.logger)
            try await self.audit(audit, on: c)
        }
    }

    public func feedKey(hash: String) async throws -> FeedKeyRecord? {
        try await rows("SELECT \(unescaped: FeedKeyRecord.columns) FROM ical_feed_key WHERE key_hash = \(hash)", FeedKeyRecord.init(row:)).first
    }

    public func feedKey(id: String) async throws -> FeedKeyRecord? {
        try await rows("SELECT \(unescaped: FeedKeyRecord.columns) FROM ical_feed_key WHERE id = \(id)", FeedKeyRecord.init(row:)).first
    }

    public func activeFeedKeys(kind: FeedKeyRecord.Kind?, subject: String?) async throws -> [FeedKeyRecord] {
        try await rows(
            """
            SELECT \(unescaped: FeedKeyRecord.columns) FROM ical_feed_key
            WHERE revoked_at IS NULL AND (\(kind?.rawValue)::text IS NULL OR kind = \(kind?.rawValue)) AND (\(subject)::text IS NULL OR subject = \(subject))
            ORDER BY created_at, id
            """, FeedKeyRecord.init(row:))
    }

    public func revokeFeedKey(id: String, at: Date, audit: AuditEntry) async throws -> Bool {
        try await transaction(notifying: [.feedKeys]) { c -> Bool in
            let revoked = try await self.rows(
                "UPDATE ical_feed_key SET revoked_at = \(at) WHERE id = \(id) AND revoked_at IS NULL RETURNING id", on: c) { try $0.decode(String.self) }
            guard !revoked.isEmpty else { return false }
            try await self.audit(audit, on: c)
            return true
        }
    }
}
