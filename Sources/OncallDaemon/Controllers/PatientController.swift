// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallStore
import RosterModel

/// `/v1/patients`: the register of patients needing 24-hour response. An admin replaces it with a CSV and
/// deletes from it; admins, facilities and call centres read what their role may see (`PatientDirectory`).
/// Every change is audited (ids only).
struct PatientController<Store: OncallStore>: Sendable {
    let patients: PatientDirectory<Store>
    let clock: any WallClock
    var store: Store { patients.store }

    func addRoutes(to group: RouterGroup<DaemonRequestContext>) {
        let office = group.group().add(middleware: RoleGuard(.admin))
        office.put(use: replace)
        office.delete(":id", use: delete)
        let readers = group.group().add(middleware: RoleGuard(.admin, .facility, .callCentre))
        readers.get(use: list)
        readers.get(":id", use: show)
        readers.get(":id/chain", use: chain)
    }

    struct Replaced: Encodable {
        var patients: Int
        var added: [String]
        var changed: [String]
        var removed: [String]
    }

    @Sendable func replace(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        let data = try await request.bodyData()
        let network = patients.network
        let register = try await RequestWork.run { () throws -> [Patient] in
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
        let change = try await store.replacePatients(register, at: clock.now, actor: who.actor)
        return try jsonResponse(Replaced(patients: register.count, added: change.added, changed: change.changed, removed: change.removed))
    }

    @Sendable func list(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        let query = request.uri.queryParameters.get("q").map { String($0) } ?? ""
        let found = try await query.isEmpty ? patients.visiblePatients(who) : patients.searchPatients(who, query: query)
        return try jsonResponse(found.map { patients.patientView($0, for: who) })
    }

    @Sendable func show(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        return try jsonResponse(patients.patientView(try await patients.visiblePatient(id: try context.parameters.decoded("id"), who), for: who))
    }

    @Sendable func chain(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        let patient = try await patients.visiblePatient(id: try context.parameters.decoded("id"), who)
        return try jsonResponse(try await patients.chainView(patient, at: clock.now))
    }

    @Sendable func delete(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        let id = try context.parameters.decoded("id")
        guard try await store.deletePatient(id: id, at: clock.now, actor: who.actor) else {
            throw APIError(.notFound, field: "id", "no registered patient \"\(id)\"")
        }
        return Response(status: .noContent)
    }
}
