// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import RosterModel

/// The register of patients, replaced whole or one patient removed.
extension SQLiteStore {
    /// Replaces the whole register in one transaction, audited with what changed.
    public func replacePatients(_ patients: [Patient], at now: Date, actor: String) async throws -> RegisterChange {
        let change = try await writer.write { db -> RegisterChange in
            let change = RegisterChange(before: try PatientRecord.fetchAll(db).map(\.patient), after: patients)
            try PatientRecord.deleteAll(db)
            for p in patients { try PatientRecord(p, updatedAt: now).insert(db) }
            try AuditEntry(at: now, actor: actor, action: "replace_patients", subject: "patients", detail: change.auditDetail).inserted(db)
            return change
        }
        feed.post(.patients)
        return change
    }

    public func patients() async throws -> [Patient] {
        try await writer.read { db in try PatientRecord.order(Column("id")).fetchAll(db).map(\.patient) }
    }

    public func patients(ofFacilities facilities: Set<String>) async throws -> [Patient] {
        try await writer.read { db in
            try PatientRecord.filter(facilities.contains(Column("facility"))).order(Column("id")).fetchAll(db).map(\.patient)
        }
    }

    public func patient(id: String) async throws -> Patient? {
        try await writer.read { db in try PatientRecord.fetchOne(db, key: id)?.patient }
    }

    /// Removes a patient, name and all; the audit log keeps their id. False when there is none.
    public func deletePatient(id: String, at now: Date, actor: String) async throws -> Bool {
        let deleted = try await writer.write { db -> Bool in
            guard try PatientRecord.deleteOne(db, key: id) else { return false }
            try AuditEntry(at: now, actor: actor, action: "delete_patient", subject: id).inserted(db)
            return true
        }
        if deleted { feed.post(.patients) }
        return deleted
    }
}
