// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallStore
import RosterModel

/// The call centre's pages: search a patient, see who would be paged now and page them, follow the call.
/// For call-centre tokens (their districts), facilities (their own patients) and the office.
extension DaemonAPI {
    func addCallCentreRoutes(_ router: Router<DaemonRequestContext>) {
        router.get("/call-centre") { request, _ in
            try await self.deskPage(request) { context, who in
                let query = request.uri.queryParameters.get("q").map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
                let results = query.isEmpty ? [] : try await self.searchPatients(who, query: query)
                return WebResponse.html(PatientSearchPage(context: context, query: query, results: results, network: self.network).render())
            }
        }
        router.get("/call-centre/patients/:id") { request, route in
            try await self.deskPage(request) { context, who in
                let patient = try await self.visiblePatient(route, who)
                let chain = try await self.chainView(patient, at: self.clock.now)
                return WebResponse.html(PatientChainPage(context: context, patient: patient, chain: chain, network: self.network).render())
            }
        }
        router.post("/call-centre/patients/:id/escalate") { request, route in
            try await self.deskPage(request) { context, who in
                if let refused = self.foreignForm(request, context) { return refused }
                let patient = try await self.visiblePatient(route, who)
                guard let form = try await self.form(request) else { return self.message(context, context.text(.badForm), status: .badRequest) }
                let note = form["note"].map { String($0.prefix(2000)) }
                let r = EscalationRequest(patient: patient.id, note: note, urgency: form["urgency"] ?? "high")
                let (stored, _, _) = try await self.startEscalation(r, by: who)
                return WebResponse.redirect(context.link("/call-centre/escalations/\(pathComponent(stored.id))"))
            }
        }
        router.get("/call-centre/escalations/:id") { request, route in
            try await self.deskPage(request) { context, who in
                let e = try await self.escalation(route)
                try await self.requireSight(of: e, by: who)
                return WebResponse.html(EscalationStatusPage(context: context, view: try await self.view(e), network: self.network).render())
            }
        }
    }

    /// A signed-in page for the roles that may use the desk; the API's refusals become pages in the viewer's language.
    private func deskPage(_ request: Request, _ render: @escaping (PageContext, Principal) async throws -> Response) async throws -> Response {
        try await page(request) { context, scope in
            guard [.admin, .callCentre, .facility].contains(scope.viewer.role) else {
                return self.message(context, context.text(.forbidden), status: .forbidden)
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
                return self.message(context, text, status: error.status)
            }
        }
    }
}
