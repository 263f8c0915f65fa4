// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallStore

/// `/v1/escalations`: start one (admin, facility, call centre), follow it (and a responder the ones that page
/// it), acknowledge or decline it (a responder for themselves; an admin or call centre on a member's behalf).
struct EscalationController<Store: OncallStore>: Sendable {
    let escalations: EscalationService<Store>

    func addRoutes(to group: RouterGroup<DaemonRequestContext>) {
        group.group().add(middleware: RoleGuard(.admin, .facility, .callCentre))
            .post(use: create)
        group.group(":id").add(middleware: RoleGuard(.admin, .facility, .responder, .callCentre))
            .get(use: show)
        let answering = group.group(":id").add(middleware: RoleGuard(.admin, .responder, .callCentre))
        answering.post("ack") { request, context in try await answer(request, context, kind: .ack) }
        answering.post("decline") { request, context in try await answer(request, context, kind: .decline) }
    }

    @Sendable func create(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        let r = try await request.decodeJSONObject(EscalationRequest.self, fields: EscalationRequest.fields)
        let (stored, created, built) = try await escalations.startEscalation(r, by: who)
        return try jsonResponse(
            CreatedView(id: stored.id, status: stored.status.rawValue, pool: stored.pool, patient: stored.patient, nextOnRota: built.nextOnRota),
            status: created ? .created : .ok)
    }

    @Sendable func show(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        let e = try await escalations.escalation(id: try context.parameters.decoded("id"))
        try await escalations.requireSight(of: e, by: who)
        return try jsonResponse(try await escalations.view(e))
    }

    func answer(_ request: Request, _ context: DaemonRequestContext, kind: Acknowledgement.Kind) async throws -> Response {
        let who = try context.caller()
        let e = try await escalations.escalation(id: try context.parameters.decoded("id"))
        let member = try await request.decodeJSONObject(MemberRequest.self, fields: MemberRequest.fields).member
        switch who.role {
        case .responder:
            guard let member, who.member == member else {
                throw APIError(.forbidden, field: "member", "a responder token answers only its own pages")
            }
        case .callCentre: try await escalations.requireSight(of: e, by: who)
        default: break
        }
        let answering = member ?? who.actor
        let (answered, _) = try await escalations.answer(
            e, member: answering, kind: kind, actor: who.actor, via: "token", onBehalf: who.role != .responder)
        return try jsonResponse(try await escalations.view(answered))
    }
}
