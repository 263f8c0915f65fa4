// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import OncallCalendar
import OncallStore
import RosterModel

/// The register of patients as each role may see it: all for an admin, a facility's own, a call centre's
/// districts'; names only where the patient consented (or to the office). Shared by the API and the call
/// centre's pages.
struct PatientDirectory<Store: OncallStore>: Sendable {
    let store: Store
    let book: RosterBook
    let policy: EscalationPolicy
    var network: Network { book.network }

    /// The patients `who` may see: all for an admin, a facility's own, a call centre's districts'.
    func visiblePatients(_ who: Principal) async throws -> [Patient] {
        if who.role == .admin { return try await store.patients() }
        let facilities = Set(network.facilities.filter(who.actsFor).map(\.id))
        return try await store.patients(ofFacilities: facilities)
    }

    /// The visible patients whose id contains `query`, or whose name does where the name may be shown.
    func searchPatients(_ who: Principal, query: String) async throws -> [Patient] {
        let q = query.trimmingCharacters(in: .whitespaces)
        return try await visiblePatients(who).filter { p in
            p.id.localizedCaseInsensitiveContains(q) || ((who.role == .admin || p.consent != nil) && p.name.contains(q))
        }
    }

    func visiblePatient(id: String, _ who: Principal) async throws -> Patient {
        guard let p = try await store.patient(id: id) else { throw APIError(.notFound, field: "id", "no registered patient \"\(id)\"") }
        guard let f = network.facilityIndex[p.facility].map({ network.facilities[$0] }), who.actsFor(f) else {
            throw APIError(.forbidden, field: "id", "this patient is outside this token's facilities")
        }
        return p
    }

    func patientView(_ p: Patient, for who: Principal) -> PatientView {
        PatientView(
            id: p.id, name: who.role == .admin || p.consent != nil ? p.name : nil, facility: p.facility, attending: p.attending,
            partner: p.partner, hospital: p.hospital, consent: p.consent?.description)
    }

    func chainView(_ p: Patient, at now: Date) async throws -> ChainView {
        let built = EscalationChain(network: network, resolver: await book.resolver, policy: policy, at: now).build(.patient(p), facility: nil)
        func target(_ t: PageTarget) -> ChainView.Target {
            let (name, facility) = network.planTarget(t.member)
            return .init(member: t.member, name: name, facility: facility?.id, facilityName: facility?.name)
        }
        return ChainView(
            patient: p.id, pool: built.pool,
            steps: built.plan.steps.map { .init(tier: $0.tier, pool: $0.pool, targets: $0.targets.map(target), skipped: $0.skipped) },
            nextOnRota: built.nextOnRota)
    }
}
