// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// What a page says. `page_id` lets receivers drop the duplicate a restart may send (at-least-once).
public struct PageMessage: Codable, Sendable, Equatable {
    public var pageId: String
    public var escalationId: String
    public var member: String
    public var tier: String
    public var pool: String
    public var note: String
    public var urgency: String
    public var ackURL: String
    public var declineURL: String
    /// The patient's id, for an escalation for a patient.
    public var patient: String?
    /// The patient's name, only when they consented to it being passed on.
    public var patientName: String?
    /// Who is calling: the escalating facility, its name and the number to call back.
    public var facility: String?
    public var facilityName: String?
    public var callback: String?

    public init(
        pageId: String, escalationId: String, member: String, tier: String, pool: String, note: String, urgency: String,
        ackURL: String, declineURL: String, patient: String? = nil, patientName: String? = nil, facility: String? = nil,
        facilityName: String? = nil, callback: String? = nil
    ) {
        self.pageId = pageId
        self.escalationId = escalationId
        self.member = member
        self.tier = tier
        self.pool = pool
        self.note = note
        self.urgency = urgency
        self.ackURL = ackURL
        self.declineURL = declineURL
        self.patient = patient
        self.patientName = patientName
        self.facility = facility
        self.facilityName = facilityName
        self.callback = callback
    }

    enum CodingKeys: String, CodingKey {
        case member, tier, pool, note, urgency, patient, facility, callback
        case patientName = "patient_name"
        case facilityName = "facility_name"
        case pageId = "page_id"
        case escalationId = "escalation_id"
        case ackURL = "ack_url"
        case declineURL = "decline_url"
    }
}
