// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar

/// A patient registered for 24-hour response: whose own doctor (主治医) and partner (副主治医) are paged
/// first when their call escalates, and which hospital takes them back.
///
/// Only what paging needs: no diagnosis, no address. Without a consent date only the id is ever shown
/// or sent; the name stays in the register.
public struct Patient: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    /// The clinic, nurse station or hospital that cares for the patient (and escalates for them).
    public var facility: String
    /// The member id of the patient's own doctor.
    public var attending: String
    /// The member id of the doctor designated to cover for the attending.
    public var partner: String?
    /// The hospital facility that takes the patient back (the one they were discharged from).
    public var hospital: String?
    /// When the patient consented to their details being passed on; nil: only the id is shown or sent.
    public var consent: CivilDate?

    public init(
        id: String, name: String, facility: String, attending: String, partner: String? = nil, hospital: String? = nil,
        consent: CivilDate? = nil
    ) {
        self.id = id
        self.name = name
        self.facility = facility
        self.attending = attending
        self.partner = partner
        self.hospital = hospital
        self.consent = consent
    }

    /// The name where consent allows it, else the id: what pages and pages for responders show.
    public var shownName: String { consent == nil ? id : name }
}
