// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallCalendar
import OncallStore
import RosterModel

extension DaemonAPI {
    func addRosterRoutes(_ router: Router<BasicRequestContext>) {
        router.put("/v1/rosters/:month") { request, context in try await self.publishRoster(request, context) }
    }

    /// A roster as JSON: `{"assignments": [{"date", "shift", "pool", "tier", "member"}]}` or the bare array.
    struct RosterJSON: Decodable {
        var assignments: [Assignment]
        init(from decoder: any Decoder) throws {
            if let list = try? [Assignment](from: decoder) {
                assignments = list
            } else {
                enum K: String, CodingKey { case assignments }
                assignments = try decoder.container(keyedBy: K.self).decode([Assignment].self, forKey: .assignments)
            }
        }
    }

    func publishRoster(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let who = try auth.require(request, .admin)
        let text = try context.parameters.require("month")
        guard let month = YearMonth(text) else { throw APIError(.badRequest, field: "month", "must be YYYY-MM, got \"\(text)\"") }
        let isJSON = request.headers[.contentType]?.contains("json") ?? false
        var csv: String
        if isJSON {
            let roster = try await request.decodeJSON(RosterJSON.self)
            // JSON goes through the CSV form so both inputs meet one parser and one stored shape.
            csv = try RosterCSV.render(Roster(month: month, assignments: roster.assignments), network: network)
        } else {
            csv = String(decoding: try await request.bodyData(), as: UTF8.self)
            if csv.hasPrefix("\u{FEFF}") { csv.removeFirst() }
        }
        let document: RosterCSV.Document
        do {
            document = try RosterCSV.parse(csv, file: "roster", network: network, month: month)
        } catch {
            let first = error.issues.first
            throw APIError(.badRequest, field: first?.field ?? "roster", error.issues.map(\.description).joined(separator: "; "))
        }
        if document.roster.assignments.isEmpty { throw APIError(.badRequest, field: "roster", "has no assignments") }
        let violations = RosterChecker.check(document.roster, in: RosterMonth(network: network, month: month))
        if !violations.isEmpty {
            throw APIError(
                .unprocessableContent, field: "roster", "breaks \(violations.count) hard rule(s)",
                violations: violations.map { .init(rule: $0.rule.rawValue, message: $0.message) })
        }
        let now = clock.now
        let canonical = try RosterCSV.render(document.roster, network: network)
        try await store.publish(
            PublishedRoster(month: month.description, payload: canonical, publishedAt: now, publishedBy: who.actor),
            audit: AuditEntry(at: now, actor: who.actor, action: "publish_roster", subject: month.description,
                              detail: "\(document.roster.assignments.count) duties"))
        try await book.reload()
        return try jsonResponse(["month": month.description, "duties": "\(document.roster.assignments.count)"])
    }
}
