// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto
import Foundation
import HTTPTypes
import OncallNotifiers
import OncallStore
import RosterModel

/// The rules of an escalation: who may start one and for whom, who may see it, who may answer it and what an
/// answer does. The API's routes, the call centre's pages and the signed links all come through here.
struct EscalationService<Store: OncallStore>: Sendable {
    let store: Store
    let book: RosterBook
    let engine: EscalationEngine
    let policy: EscalationPolicy
    let clock: any WallClock
    let metrics: DaemonMetrics?
    var network: Network { book.network }

    func escalation(id: String) async throws -> EscalationRecord {
        guard let e = try await store.escalation(id: id) else { throw APIError(.notFound, field: "id", "no escalation \"\(id)\"") }
        return e
    }

    /// 403 unless `who` may read `e`: a facility its own, a responder those that page it, a call centre those of its districts.
    func requireSight(of e: EscalationRecord, by who: Principal) async throws {
        switch who.role {
        case .admin: return
        case .facility:
            if e.facility != who.facility { throw APIError(.forbidden, "this escalation belongs to another facility") }
        case .responder:
            if !e.plan.involves(who.member ?? "") {
                throw APIError(.forbidden, "a responder token sees only the escalations that page its member")
            }
        case .callCentre:
            guard let f = e.facility.flatMap({ network.facilityIndex[$0] }).map({ network.facilities[$0] }), who.actsFor(f) else {
                throw APIError(.forbidden, "this escalation is outside the call centre's districts")
            }
        }
    }

    /// Starts an escalation (or finds the caller's earlier one under the same key): the API's and the call
    /// centre page's one way in.
    func startEscalation(_ r: EscalationRequest, by who: Principal) async throws -> (EscalationRecord, created: Bool, EscalationChain.Built) {
        if let u = r.urgency, Urgency(rawValue: u) == nil {
            throw APIError(.badRequest, field: "urgency", "must be \(Urgency.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(u)\"")
        }
        if let f = r.facility, network.facilityIndex[f] == nil { throw APIError(.badRequest, field: "facility", "unknown facility \"\(f)\"") }
        if let p = r.pool, network.poolIndex[p] == nil { throw APIError(.badRequest, field: "pool", "unknown pool \"\(p)\"") }
        if r.patient != nil, r.pool != nil { throw APIError(.badRequest, field: "pool", "give a patient or a pool, not both") }
        // Every page carries the note whole, so it is capped here, once, for every channel (e-mail's own cut is a backstop).
        if let note = r.note, note.unicodeScalars.count > PageNote.maximumLength {
            throw APIError(
                .badRequest, field: "note",
                "is \(note.unicodeScalars.count) characters; a page carries at most \(PageNote.maximumLength): say the rest on the call back")
        }
        if let key = r.idempotencyKey, key.isEmpty || key.count > 200 {
            throw APIError(.badRequest, field: "idempotency_key", "must be 1 to 200 characters")
        }
        var patient: Patient?
        if let id = r.patient {
            guard let p = try await store.patient(id: id) else { throw APIError(.badRequest, field: "patient", "no registered patient \"\(id)\"") }
            patient = p
        }
        // A facility token speaks for its own facility unless it names one; a patient's call comes from their facility.
        let facility = r.facility ?? patient?.facility ?? (who.role == .facility ? who.facility : nil)
        if r.pool == nil && facility == nil { throw APIError(.badRequest, field: "pool", "give a patient, a pool or a facility") }
        if let facility, let f = network.facilityIndex[facility].map({ network.facilities[$0] }), !who.actsFor(f) {
            throw APIError(.forbidden, field: r.patient == nil ? "facility" : "patient", "this token does not act for \(facility)")
        }
        let resolver = await book.resolver
        let now = clock.now
        let chain = EscalationChain(network: network, resolver: resolver, policy: policy, at: now)
        let built: EscalationChain.Built
        if let patient {
            built = chain.build(.patient(patient), facility: facility)
        } else {
            // A facility's escalation goes to the first pool covering it that has someone on duty, physicians
            // first; when none has, to the first such pool, whose chain then starts past its empty rota.
            var candidates = r.pool.map { [$0] } ?? []
            if let facility {
                let covering = resolver.pools(coveringFacility: facility).sorted { ($0.role == .physician ? 0 : 1) < ($1.role == .physician ? 0 : 1) }
                if let p = r.pool, who.role == .facility, !covering.contains(where: { $0.id == p }) {
                    throw APIError(.forbidden, field: "pool", "\(p) does not cover \(facility)")
                }
                if r.pool == nil { candidates = covering.filter { $0.facilityKinds?.contains(.hospital) != true }.map(\.id) }
            }
            guard let pool = candidates.first(where: { resolver.covering(pool: $0, at: now) != nil }) ?? candidates.first else {
                throw APIError(.conflict, field: "facility", "no pool covers \(facility ?? "-")")
            }
            built = chain.build(.pool(pool), facility: facility)
        }
        guard built.reachesSomeone else {
            throw APIError(.conflict, field: r.patient == nil ? "pool" : "patient",
                           "nobody can be paged: nobody is rostered now and no hospital desk or coordinator can be reached")
        }
        let fingerprint = Self.fingerprint(r, facility: facility)
        // Keys are the caller's own: another facility's key can never return (and silence) this call.
        let scopedKey = r.idempotencyKey.map { "\(who.actor)|\(facility ?? "-")\n\($0)" }
        let record = EscalationRecord(
            pool: built.pool ?? "-", facility: facility, note: r.note ?? "", urgency: r.urgency ?? Urgency.high.rawValue,
            idempotencyKey: scopedKey, plan: built.plan, nextDeadline: now, createdAt: now, createdBy: who.actor,
            patient: patient?.id, requestFingerprint: fingerprint)
        let (stored, created) = try await store.createEscalation(
            record, audit: AuditEntry(at: now, actor: who.actor, action: "escalate", subject: record.id, detail: patient.map { "patient \($0.id)" } ?? record.pool))
        if !created, stored.requestFingerprint != fingerprint {
            throw APIError(.conflict, field: "idempotency_key", "\"\(r.idempotencyKey ?? "")\" was used for another request; use a new key for a new call")
        }
        if created {
            metrics?.escalation("created")
            engine.wake()
        }
        return (stored, created, built)
    }

    /// A digest of what was asked, so a reused idempotency key with another request is told apart.
    static func fingerprint(_ r: EscalationRequest, facility: String?) -> String {
        let text = [r.pool, facility, r.patient, r.note, r.urgency ?? Urgency.high.rawValue].map { $0 ?? "\u{0}" }.joined(separator: "\u{1F}")
        return Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
    }

    /// Records an acknowledgement or a decline. An acknowledgement closes the escalation; a decline ends
    /// only the decliner's part of the current step, and the step when nobody reached in it may still come.
    /// Only a member paged so far may answer for themselves; an admin or a call centre may answer on a
    /// member's behalf (recorded as such). An answer to a closed escalation changes nothing.
    func answer(_ e: EscalationRecord, member: String, kind: Acknowledgement.Kind, actor: String, via: String, onBehalf: Bool = false)
        async throws -> (record: EscalationRecord, changed: Bool)
    {
        let plan = e.plan
        // An admin or call centre answering without naming a member answers as itself; naming one, it must be in the plan.
        if !onBehalf || member != actor {
            guard plan.involves(member) else { throw APIError(.badRequest, field: "member", "\(member) is not paged by this escalation") }
        }
        if !onBehalf {
            guard try await store.pages(escalation: e.id).contains(where: { $0.member == member }) else {
                throw APIError(.forbidden, field: "member", "\(member) has not been paged yet; only those paged so far can answer")
            }
        }
        let now = clock.now
        let outcome = try await store.answer(
            Acknowledgement(escalationId: e.id, member: member, kind: kind, at: now, via: via),
            audit: AuditEntry(at: now, actor: actor, action: kind.rawValue, subject: e.id, detail: onBehalf ? "for \(member)" : member)
        ) { r, answers in
            switch kind {
            case .ack: EscalationProgress.acknowledged(&r, now: now)
            case .decline: EscalationProgress.declined(&r, plan: plan, answers: answers, now: now)
            }
        }
        switch outcome {
        case .applied(let r):
            if kind == .decline { engine.wake() }
            if kind == .ack { metrics?.escalation("acknowledged") }
            return (r, true)
        case .closed(let r): return (r, false)
        case .notFound: throw APIError(.notFound, field: "id", "no escalation \"\(e.id)\"")
        }
    }

    func view(_ e: EscalationRecord) async throws -> EscalationView {
        let plan = e.plan
        var patient: EscalationView.PatientView?
        if let id = e.patient {
            let p = try await store.patient(id: id)
            patient = .init(id: id, name: p?.consent == nil ? nil : p?.name)
        }
        return EscalationView(
            id: e.id, status: e.status.rawValue, pool: e.pool, facility: e.facility, patient: patient, note: e.note, urgency: e.urgency,
            step: e.stepIndex, round: e.round, paged: e.stepPaged, nextDeadline: e.nextDeadline,
            plan: plan.steps.map {
                PlanStep(tier: $0.tier, targets: $0.targets.map { PageTarget(member: $0.member, channels: []) }, skipped: $0.skipped,
                         pool: $0.pool, waitSeconds: $0.waitSeconds ?? plan.ackTimeoutSeconds)
            },
            pages: try await store.pages(escalation: e.id).map {
                .init(pageId: $0.pageId, member: $0.member, tier: $0.tier, channel: $0.channel, sentAt: $0.sentAt, result: $0.result, attempt: $0.attempt)
            },
            answers: try await store.acknowledgements(escalation: e.id).map { .init(member: $0.member, kind: $0.kind.rawValue, at: $0.at) })
    }
}
