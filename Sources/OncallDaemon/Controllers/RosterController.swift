// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OncallCalendar
import OncallStore
import RosterModel

/// `/v1/rosters/{month}`, for the office: publish a month's roster (CSV or JSON; checked against every hard
/// rule first), read the roster in force and every earlier version (re-publishing loses nothing).
struct RosterController<Store: OncallStore>: Sendable {
    let store: Store
    let book: RosterBook
    let clock: any WallClock
    var network: Network { book.network }

    func addRoutes(to group: RouterGroup<DaemonRequestContext>) {
        group.add(middleware: RoleGuard(.admin))
        group.put(":month", use: publish)
        group.get(":month", use: current)
        group.get(":month/versions", use: versions)
        group.get(":month/versions/:version", use: version)
    }

    /// The latest version as published; with `in_force=1`, with the overrides in force applied, so what is
    /// printed, exported or measured is what pages go by.
    @Sendable func current(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let month = try context.month()
        let versions = try await store.rosterVersions(month: month.description)
        guard let current = versions.last else { throw APIError(.notFound, field: "month", "no roster is published for this month") }
        if let flag = request.uri.queryParameters.get("in_force").map({ String($0) }) {
            guard let wanted = ["1": true, "true": true, "0": false, "false": false][flag] else {
                throw APIError(.badRequest, field: "in_force", "must be 1 or 0, got \"\(flag)\"")
            }
            if !wanted { return try csvResponse(current) }
        } else {
            return try csvResponse(current)
        }
        let overrides = OverrideApplier.ofMonth(month, try await store.activeOverrides())
        let inForce = OverrideApplier.inForce(try current.roster, overrides)
        return csvResponse(
            try RosterCSV.render(inForce, network: network), version: current.version,
            extra: [HTTPField.Name("X-Overrides-Applied")!: "\(overrides.count)"])
    }

    /// What a publish answers.
    struct Published: Encodable {
        var month: String
        var duties: Int
        var version: Int
    }

    @Sendable func versions(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let versions = try await store.rosterVersions(month: try context.month().description)
        return try jsonResponse(versions.map {
            VersionView(version: $0.version, publishedAt: $0.publishedAt, publishedBy: $0.publishedBy,
                        duties: $0.duties.count)
        })
    }

    @Sendable func version(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let versions = try await store.rosterVersions(month: try context.month().description)
        let wanted = context.parameters.get("version").flatMap(Int.init)
        guard let v = versions.first(where: { $0.version == wanted }) else {
            throw APIError(.notFound, field: "version", "no such version; this month has \(versions.count)")
        }
        return try csvResponse(v)
    }

    struct VersionView: Encodable {
        var version: Int
        var publishedAt: Date
        var publishedBy: String
        var duties: Int
        enum CodingKeys: String, CodingKey {
            case version, duties
            case publishedAt = "published_at"
            case publishedBy = "published_by"
        }
    }

    func csvResponse(_ v: PublishedRosterVersion) throws -> Response {
        csvResponse(try v.csv(in: network), version: v.version)
    }

    func csvResponse(_ csv: String, version: Int, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8", HTTPField.Name("X-Roster-Version")!: "\(version)"]
        headers.append(contentsOf: extra)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    @Sendable func publish(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        let month = try context.month()
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
        let network = self.network
        let text = csv
        // Parsing and checking a city's month is the heaviest thing a request does: off the engine's threads.
        let roster = try await RequestWork.run { () throws -> Roster in
            let document: RosterCSV.Document
            do {
                document = try RosterCSV.parse(text, file: "roster", network: network, month: month)
            } catch let error as InputError {
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
            return document.roster.sorted(in: network)
        }
        let now = clock.now
        let version = try await store.publish(
            PublishedRoster(roster, publishedAt: now, publishedBy: who.actor),
            audit: AuditEntry(at: now, actor: who.actor, action: "publish_roster", subject: month.description,
                              detail: "\(roster.assignments.count) duties"))
        try await book.reload()
        return try jsonResponse(Published(month: month.description, duties: roster.assignments.count, version: version))
    }
}

extension DaemonRequestContext {
    /// The `:month` path parameter, YYYY-MM.
    func month() throws -> YearMonth {
        let text = try parameters.decoded("month")
        guard let month = YearMonth(text) else { throw APIError(.badRequest, field: "month", "must be YYYY-MM, got \"\(text)\"") }
        return month
    }
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
