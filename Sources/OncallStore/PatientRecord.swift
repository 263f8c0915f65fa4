// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import OncallCalendar
import RosterModel

/// A registered patient as stored: exactly the register's columns, nothing more.
public struct PatientRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "patient"
    public var id: String
    public var name: String
    public var facility: String
    public var attending: String
    public var partner: String?
    public var hospital: String?
    /// YYYY-MM-DD, or nil without consent.
    public var consent: String?
    public var updatedAt: Date

    public init(_ patient: Patient, updatedAt: Date) {
        self.id = patient.id
        self.name = patient.name
        self.facility = patient.facility
        self.attending = patient.attending
        self.partner = patient.partner
        self.hospital = patient.hospital
        self.consent = patient.consent?.description
        self.updatedAt = updatedAt
    }

    public var patient: Patient {
        Patient(id: id, name: name, facility: facility, attending: attending, partner: partner, hospital: hospital, consent: consent.flatMap(CivilDate.init))
    }

    enum CodingKeys: String, CodingKey {
        case id, name, facility, attending, partner, hospital, consent
        case updatedAt = "updated_at"
    }
}

/// What replacing the register changed, by patient id (ids only: they go into the audit log).
public struct RegisterChange: Sendable, Equatable {
    public var added: [String]
    public var changed: [String]
    public var removed: [String]
    public var unchanged: Int
}

extension OncallStore {
    /// Replaces the whole register in one transaction, audited with what changed.
    public func replacePatients(_ patients: [Patient], at now: Date, actor: String) async throws -> RegisterChange {
        try await writer.write { db in
            var before: [String: Patient] = [:]
            for r in try PatientRecord.fetchAll(db) { before[r.id] = r.patient }
            let after = Dictionary(patients.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let added = after.keys.filter { before[$0] == nil }.sorted()
            let removed = before.keys.filter { after[$0] == nil }.sorted()
            let changed = after.keys.filter { before[$0] != nil && before[$0] != after[$0] }.sorted()
            try PatientRecord.deleteAll(db)
            for p in patients { try PatientRecord(p, updatedAt: now).insert(db) }
            let change = RegisterChange(added: added, changed: changed, removed: removed, unchanged: patients.count - added.count - changed.count)
            try AuditEntry(
                at: now, actor: actor, action: "replace_patients", subject: "patients",
                detail: "added \(added.joined(separator: " ")); changed \(changed.joined(separator: " ")); removed \(removed.joined(separator: " "))"
            ).inserted(db)
            return change
        }
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
        try await writer.write { db in
            guard try PatientRecord.deleteOne(db, key: id) else { return false }
            try AuditEntry(at: now, actor: actor, action: "delete_patient", subject: id).inserted(db)
            return true
        }
    }
}
