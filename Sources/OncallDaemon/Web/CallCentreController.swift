// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallNotifiers
import OncallStore
import RosterModel

/// The call centre's pages: search a patient, see who would be paged now and page them, follow the call.
/// For call-centre tokens (their districts), facilities (their own patients) and the office; the same rules as
/// the API's, through the same services.
struct CallCentreController<Store: OncallStore>: Sendable {
    let site: WebSite
    let patients: PatientDirectory<Store>
    let escalations: EscalationService<Store>
    let clock: any WallClock
    var network: Network { site.network }

    /// Behind a `WebViewerAuthenticator`.
    func addRoutes(to desk: RouterGroup<DaemonRequestContext>) {
        desk.get { request, requestContext in
            try await deskPage(request, requestContext) { context, who in
                let query = request.uri.queryParameters.get("q").map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
                let results = query.isEmpty ? [] : try await patients.searchPatients(who, query: query)
                return WebResponse.html(PatientSearchPage(context: context, query: query, results: results, network: network).render())
            }
        }
        desk.get("patients/:id") { request, requestContext in
            try await deskPage(request, requestContext) { context, who in
                let patient = try await patients.visiblePatient(id: try requestContext.parameters.decoded("id"), who)
                let chain = try await patients.chainView(patient, at: clock.now)
                return WebResponse.html(PatientChainPage(context: context, patient: patient, chain: chain, network: network).render())
            }
        }
        desk.post("patients/:id/escalate") { request, requestContext in
            try await deskPage(request, requestContext) { context, who in
                if let refused = site.foreignForm(request, context) { return refused }
                let patient = try await patients.visiblePatient(id: try requestContext.parameters.decoded("id"), who)
                guard let form = try await site.form(request) else { return site.message(context, context.text(.badForm), status: .badRequest) }
                // Cut as the API counts (scalars), so a form the browser let through is never refused for its length.
                let note = form["note"].map { String(String.UnicodeScalarView($0.unicodeScalars.prefix(PageNote.maximumLength))) }
                let r = EscalationRequest(patient: patient.id, note: note, urgency: form["urgency"] ?? "high")
                let (stored, _, _) = try await escalations.startEscalation(r, by: who)
                return WebResponse.redirect(context.link("/call-centre/escalations/\(pathComponent(stored.id))"))
            }
        }
        desk.get("escalations/:id") { request, requestContext in
            try await deskPage(request, requestContext) { context, who in
                let e = try await escalations.escalation(id: try requestContext.parameters.decoded("id"))
                try await escalations.requireSight(of: e, by: who)
                return WebResponse.html(EscalationStatusPage(context: context, view: try await escalations.view(e), network: network).render())
            }
        }
    }

    /// A signed-in page for the roles that may use the desk; the API's refusals become pages in the viewer's language.
    private func deskPage(
        _ request: Request, _ requestContext: DaemonRequestContext, _ render: @escaping (PageContext, Principal) async throws -> Response
    ) async throws -> Response {
        try await site.page(request, requestContext) { context, scope in
            guard [.admin, .callCentre, .facility].contains(scope.viewer.role) else {
                return site.message(context, context.text(.forbidden), status: .forbidden)
            }
            do {
                return try await render(context, scope.viewer)
            } catch let error as APIError {
                let text: String =
                    switch error.status {
                    case .forbidden: context.text(.forbidden)
                    case .notFound: context.text(.notFound)
                    default: error.message
                    }
                return site.message(context, text, status: error.status)
            }
        }
    }
}
