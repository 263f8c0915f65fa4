// SPDX-License-Identifier: GPL-3.0-or-later
import OncallStore
import RosterModel

// What the patient routes answer.

/// A patient as the API shows them; `name` only to an admin or with consent.
struct PatientView: Encodable {
    var id: String
    var name: String?
    var facility: String
    var attending: String
    var partner: String?
    var hospital: String?
    var consent: String?
}

/// Who would be paged for a patient now, and in what order, with names and facilities.
struct ChainView: Encodable {
    struct Target: Encodable {
        var member: String
        var name: String
        var facility: String?
        var facilityName: String?
        enum CodingKeys: String, CodingKey {
            case member, name, facility
            case facilityName = "facility_name"
        }
    }
    struct Step: Encodable {
        var tier: String
        var pool: String?
        var targets: [Target]
        var skipped: [SkippedCandidate]
    }
    var patient: String
    var pool: String?
    var steps: [Step]
    var nextOnRota: Coverage?
    enum CodingKeys: String, CodingKey {
        case patient, pool, steps
        case nextOnRota = "next_on_rota"
    }
}
