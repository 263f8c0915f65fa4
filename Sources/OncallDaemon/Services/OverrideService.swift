// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import OncallCalendar
import OncallStore
import RosterModel

/// Changes to a published roster by the office: an override is accepted only if the month with every override
/// in force plus this one still holds every hard rule, and is committed only if the rosters are still as they
/// were checked (`insertOverride(_:audit:ifRevision:)`), so two overrides that together break a rule are never
/// both accepted, whichever daemon takes them.
struct OverrideService<Store: OncallStore>: Sendable {
    let store: Store
    let book: RosterBook
    let clock: any WallClock
    var network: Network { book.network }

    /// Checks and stores the override; throws an `APIError` naming the field at fault or the rules it breaks.
    func create(_ r: OverrideRequest, by who: Principal) async throws -> RosterOverride {
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
            let inForce = state.overrides + [o]
            let violations = try await RequestWork.run {
                let after = OverrideApplier.inForce(month, inForce)
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
                return o
            }
        }
        throw APIError(.conflict, field: "date", "the rosters kept changing while this override was checked: send it again")
    }

    /// Revokes an override in force; false when there is none.
    func revoke(id: String, by who: Principal) async throws -> Bool {
        let now = clock.now
        let revoked = try await store.revokeOverride(
            id: id, at: now, audit: AuditEntry(at: now, actor: who.actor, action: "revoke_override", subject: id))
        if revoked { try await book.reload() }
        return revoked
    }

    /// How often an override is checked again when the rosters changed under it before it gives up (409).
    static var overrideAttempts: Int { 8 }
}

/// `POST /v1/overrides`: `member` takes the duty, in place of `replaces` if given.
struct OverrideRequest: Decodable {
    var pool: String
    var date: String
    var shift: String
    var tier: String
    var member: String
    var replaces: String?
}
