// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallCalendar
import OncallStore
import RosterModel

extension DaemonAPI {
    struct OverrideRequest: Decodable {
        var pool: String
        var date: String
        var shift: String
        var tier: String
        var member: String
        var replaces: String?
    }

    func addOverrideRoutes(_ router: Router<DaemonRequestContext>) {
        router.post("/v1/overrides") { request, _ in try await self.createOverride(request) }
        router.get("/v1/overrides") { request, _ in
            _ = try self.auth.require(request, .admin)
            return try jsonResponse(try await self.store.activeOverrides())
        }
        router.delete("/v1/overrides/:id") { request, context in
            let who = try self.auth.require(request, .admin)
            let id = try context.parameters.decoded("id")
            let now = self.clock.now
            guard try await self.store.revokeOverride(
                id: id, at: now, audit: AuditEntry(at: now, actor: who.actor, action: "revoke_override", subject: id))
            else { throw APIError(.notFound, field: "id", "no override \"\(id)\" in force") }
            try await self.book.reload()
            return Response(status: .noContent)
        }
    }

    func createOverride(_ request: Request) async throws -> Response {
        let who = try auth.require(request, .admin)
        let r = try await request.decodeJSON(OverrideRequest.self)
        guard network.poolIndex[r.pool] != nil else { throw APIError(.badRequest, field: "pool", "unknown pool \"\(r.pool)\"") }
        guard let date = CivilDate(r.date) else { throw APIError(.badRequest, field: "date", "must be YYYY-MM-DD") }
        guard network.shiftIndex[r.shift] != nil else { throw APIError(.badRequest, field: "shift", "unknown shift \"\(r.shift)\"") }
        guard let tier = Tier(rawValue: r.tier) else { throw APIError(.badRequest, field: "tier", "must be primary or backup") }
        guard network.memberIndex[r.member] != nil else { throw APIError(.badRequest, field: "member", "unknown member \"\(r.member)\"") }
        let now = clock.now
        let o = RosterOverride(
            pool: r.pool, date: date.description, shift: r.shift, tier: tier.rawValue, member: r.member, replaces: r.replaces,
            createdAt: now, createdBy: who.actor)
        // Check the rules against the rosters at one revision and commit only if they are still at it: an
        // override that came in between (through any daemon) makes this one check again, so two overrides
        // that together break a rule are never both accepted.
        let network = self.network
        for _ in 0..<Self.overrideAttempts {
            let state = try await store.overridesInForce()
            guard let month = try await book.publishedRoster(date.yearMonth) else {
                throw APIError(.conflict, field: "date", "no roster is published for \(date.yearMonth)")
            }
            if let replaced = r.replaces {
                let current = OverrideApplier.apply(state.overrides, to: month.assignments)
                guard current.contains(where: { $0.pool == r.pool && $0.date == date && $0.shift == r.shift && $0.tier == tier && $0.member == replaced })
                else { throw APIError(.badRequest, field: "replaces", "\(replaced) is not the \(tier.rawValue) of \(r.pool) \(date) \(r.shift)") }
            }
            // The roster with every override in force plus this one must still hold the hard rules.
            let active = state.overrides.filter { $0.date.hasPrefix(date.yearMonth.description) }
            let violations = try await RequestWork.run {
                let after = Roster(month: date.yearMonth, assignments: OverrideApplier.apply(active + [o], to: month.assignments))
                return RosterChecker.check(after, in: RosterMonth(network: network, month: date.yearMonth))
            }
            if !violations.isEmpty {
                throw APIError(
                    .unprocessableContent, field: "member", "the override breaks \(violations.count) hard rule(s)",
                    violations: violations.map { .init(rule: $0.rule.rawValue, message: $0.message) })
            }
            let audit = AuditEntry(
                at: now, actor: who.actor, action: "override", subject: o.id,
                detail: "\(o.pool) \(o.date) \(o.shift) \(o.tier): \(o.member) for \(o.replaces ?? "-")")
            if try await store.insertOverride(o, audit: audit, ifRevision: state.revision) {
                try await book.reload()
                return try jsonResponse(o, status: .created)
            }
        }
        throw APIError(.conflict, field: "date", "the rosters kept changing while this override was checked: send it again")
    }

    /// How often an override is checked again when the rosters changed under it before it gives up (409).
    static var overrideAttempts: Int { 8 }
}
