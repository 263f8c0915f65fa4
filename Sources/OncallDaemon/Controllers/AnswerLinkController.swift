// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallStore
import RosterModel

/// The signed acknowledge and decline links each page carries: no token, the signature is the authority.
///
/// A GET shows the call and a button, and changes nothing: mail and messaging apps fetch links to
/// preview them, and a preview must never acknowledge a page nobody has read. The button POSTs to the
/// same URL; that POST answers once (a second one changes nothing and says so). A POST that asks for
/// JSON gets only what the answer did.
struct AnswerLinkController<Store: OncallStore>: Sendable {
    let escalations: EscalationService<Store>
    let links: AckLinks
    let site: WebSite
    var store: Store { escalations.store }
    var clock: any WallClock { escalations.clock }
    var network: Network { escalations.network }

    /// `group` is `/v1/links`: no authenticator, the signature is the authority.
    func addRoutes(to group: RouterGroup<DaemonRequestContext>) {
        for kind in [Acknowledgement.Kind.ack, .decline] {
            group.get("\(kind.rawValue)") { request, _ in
                let context = site.anonymousContext(request)
                guard let (e, member) = try await verifiedLink(request, kind) else {
                    return site.message(context, context.text(.linkInvalid), status: .forbidden)
                }
                return WebResponse.html(try await linkPage(e, member: member, kind: kind, request: request, context: context, outcome: nil).render())
            }
            group.post("\(kind.rawValue)") { request, _ in
                let context = site.anonymousContext(request)
                let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
                // The button is a form of the link's own page, opened on this site.
                guard site.sameOrigin(request) else {
                    if wantsJSON { throw APIError(.forbidden, field: "origin", "a form of another site cannot answer a page") }
                    return site.message(context, context.text(.forbidden), status: .forbidden)
                }
                guard let (e, member) = try await verifiedLink(request, kind) else {
                    if wantsJSON { throw APIError(.forbidden, field: "sig", "the link is invalid or has expired") }
                    return site.message(context, context.text(.linkInvalid), status: .forbidden)
                }
                let (answered, recorded) = try await escalations.answer(e, member: member, kind: kind, actor: "link:\(member)", via: "link")
                if wantsJSON {
                    return try jsonResponse(
                        LinkAnswerView(escalation: answered.id, answer: kind.rawValue, status: answered.status.rawValue, recorded: recorded))
                }
                let outcome: WebText.Key = recorded ? (kind == .ack ? .acknowledged : .declined) : .alreadyClosed
                return WebResponse.html(try await linkPage(answered, member: member, kind: kind, request: request, context: context, outcome: outcome).render())
            }
        }
    }

    /// What the holder of a signed link learns from a POST that asks for JSON: only what their answer did.
    struct LinkAnswerView: Encodable {
        var escalation: String
        var answer: String
        var status: String
        /// False when the escalation was already closed: the answer changed nothing.
        var recorded: Bool
    }

    /// The escalation and member a link names, if its signature holds and it has not expired.
    private func verifiedLink(_ request: Request, _ kind: Acknowledgement.Kind) async throws -> (EscalationRecord, String)? {
        let q = request.uri.queryParameters
        guard let id = q.get("escalation"), let member = q.get("member"), let expires = q.get("expires").flatMap(Int.init),
            let sig = q.get("sig"), links.verify(kind.rawValue, escalation: id, member: member, expires: expires, sig: sig, now: clock.now),
            let e = try await store.escalation(id: id)
        else { return nil }
        return (e, member)
    }

    private func linkPage(
        _ e: EscalationRecord, member: String, kind: Acknowledgement.Kind, request: Request, context: PageContext, outcome: WebText.Key?
    ) async throws -> LinkPage {
        let plan = e.plan
        var patient: String?
        if let id = e.patient { patient = try await store.patient(id: id)?.shownName ?? id }
        let others = plan.steps.flatMap(\.targets).map(\.member).filter { $0 != member }
        let names = Array(Set(others)).sorted().map { network.planTarget($0).name }
        return LinkPage(
            context: context, kind: kind.rawValue, status: e.status.rawValue, patient: patient, caller: plan.caller, note: e.note,
            alsoPaged: names, action: request.uri.path + (request.uri.query.map { "?\($0)" } ?? ""), outcome: outcome)
    }
}
