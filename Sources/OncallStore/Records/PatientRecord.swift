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

    public init(
        id: String, name: String, facility: String, attending: String, partner: String?, hospital: String?, consent: String?, updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.facility = facility
        self.attending = attending
        self.partner = partner
        self.hospital = hospital
        self.consent = consent
        self.updatedAt = updatedAt
    }

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

    /// What replacing the register `before` with `after` changes.
    public init(before: [Patient], after: [Patient]) {
        let old = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(after.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        added = new.keys.filter { old[$0] == nil }.sorted()
        removed = old.keys.filter { new[$0] == nil }.sorted()
        changed = new.keys.filter { old[$0] != nil && old[$0] != new[$0] }.sorted()
        unchanged = after.count - added.count - changed.count
    }

    /// The audit log's line: ids only.
    public var auditDetail: String {
        "added \(added.joined(separator: " ")); changed \(changed.joined(separator: " ")); removed \(removed.joined(separator: " "))"
    }
}
