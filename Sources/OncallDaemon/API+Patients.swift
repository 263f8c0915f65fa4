// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallCalendar
import OncallStore
import RosterModel

/// The register of patients needing 24-hour response. An admin replaces it with a CSV and reads it
/// whole; a facility sees its own patients, a call centre those of its districts, each with the name
/// only where the patient consented. Every change is audited (ids only).
extension DaemonAPI {
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

    func addPatientRoutes(_ router: Router<DaemonRequestContext>) {
        router.put("/v1/patients") { request, _ in
            let who = try self.auth.require(request, .admin)
            let data = try await request.bodyData()
            let network = self.network
            let patients = try await RequestWork.run { () throws -> [Patient] in
                do {
                    return try PatientSheet.read(data, file: "patients.csv", network: network)
                } catch let error as InputError {
                    let first = error.issues.first
                    throw APIError(
                        .unprocessableContent, field: first?.field ?? "body",
                        "the register has \(error.issues.count) problem(s); nothing was stored: \(first?.description ?? "")",
                        issues: error.issues.map { .init(line: $0.line, column: $0.column, field: $0.field, message: $0.message, hint: $0.hint) })
                }
            }
            let change = try await self.store.replacePatients(patients, at: self.clock.now, actor: who.actor)
            struct Replaced: Encodable {
                var patients: Int
                var added: [String]
                var changed: [String]
                var removed: [String]
            }
            return try jsonResponse(Replaced(patients: patients.count, added: change.added, changed: change.changed, removed: change.removed))
        }
        router.get("/v1/patients") { request, _ in
            let who = try self.auth.require(request, .admin, .facility, .callCentre)
            let query = request.uri.queryParameters.get("q").map { String($0) } ?? ""
            let patients = try await query.isEmpty ? self.visiblePatients(who) : self.searchPatients(who, query: query)
            return try jsonResponse(patients.map { self.patientView($0, for: who) })
        }
        router.get("/v1/patients/:id") { request, context in
            let who = try self.auth.require(request, .admin, .facility, .callCentre)
            return try jsonResponse(self.patientView(try await self.visiblePatient(context, who), for: who))
        }
        router.get("/v1/patients/:id/chain") { request, context in
            let who = try self.auth.require(request, .admin, .facility, .callCentre)
            let patient = try await self.visiblePatient(context, who)
            return try jsonResponse(try await self.chainView(patient, at: self.clock.now))
        }
        router.delete("/v1/patients/:id") { request, context in
            let who = try self.auth.require(request, .admin)
            let id = try context.parameters.decoded("id")
            guard try await self.store.deletePatient(id: id, at: self.clock.now, actor: who.actor) else {
                throw APIError(.notFound, field: "id", "no registered patient \"\(id)\"")
            }
            return Response(status: .noContent)
        }
    }

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

    func visiblePatient(_ context: DaemonRequestContext, _ who: Principal) async throws -> Patient {
        let id = try context.parameters.decoded("id")
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
