// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallStore
import RosterModel

extension DaemonAPI {
    struct EscalationRequest: Decodable {
        var pool: String?
        var facility: String?
        var note: String?
        var urgency: String?
        var idempotencyKey: String?
        enum CodingKeys: String, CodingKey {
            case pool, facility, note, urgency
            case idempotencyKey = "idempotency_key"
        }
    }

    struct MemberRequest: Decodable { var member: String }

    /// An escalation as the API shows it.
    struct EscalationView: Encodable {
        struct Page: Encodable {
            var pageId: String
            var member: String
            var tier: String
            var channel: String
            var sentAt: Date
            var result: String
            var attempt: Int
            enum CodingKeys: String, CodingKey {
                case member, tier, channel, result, attempt
                case pageId = "page_id"
                case sentAt = "sent_at"
            }
        }
        struct Answer: Encodable {
            var member: String
            var kind: String
            var at: Date
        }
        var id: String
        var status: String
        var pool: String
        var facility: String?
        var note: String
        var urgency: String
        var step: Int
        var round: Int
        /// Whether the current step's pages went out (and were recorded).
        var paged: Bool
        var nextDeadline: Date
        var plan: [PlanStep]
        var pages: [Page]
        var answers: [Answer]
        enum CodingKeys: String, CodingKey {
            case id, status, pool, facility, note, urgency, step, round, paged, plan, pages, answers
            case nextDeadline = "next_deadline"
        }
    }

    func addEscalationRoutes(_ router: Router<BasicRequestContext>) {
        router.post("/v1/escalations") { request, _ in try await self.createEscalation(request) }
        router.get("/v1/escalations/:id") { request, context in
            let who = try self.auth.require(request, .admin, .facility, .responder)
            let e = try await self.escalation(context)
            if who.role == .facility && e.facility != who.facility { throw APIError(.forbidden, "this escalation belongs to another facility") }
            if who.role == .responder, try !EscalationPlan.decode(e.plan).involves(who.member ?? "") {
                throw APIError(.forbidden, "a responder token sees only the escalations that page its member")
            }
            return try jsonResponse(try await self.view(e))
        }
        for kind in [Acknowledgement.Kind.ack, .decline] {
            router.post("/v1/escalations/:id/\(kind.rawValue)") { request, context in
                let who = try self.auth.require(request, .admin, .responder)
                let e = try await self.escalation(context)
                let member = try await request.decodeJSON(MemberRequest.self).member
                if who.role == .responder && who.member != member {
                    throw APIError(.forbidden, field: "member", "a responder token answers only its own pages")
                }
                let (answered, _) = try await self.answer(e, member: member, kind: kind, actor: who.actor, via: "token")
                return try jsonResponse(try await self.view(answered))
            }
            // The signed link in each page: no token, the signature is the authority.
            router.get("/v1/links/\(kind.rawValue)") { request, _ in
                let q = request.uri.queryParameters
                guard let id = q.get("escalation"), let member = q.get("member"), let expires = q.get("expires").flatMap(Int.init),
                    let sig = q.get("sig"), self.links.verify(kind.rawValue, escalation: id, member: member, expires: expires, sig: sig, now: self.clock.now),
                    let e = try await self.store.escalation(id: id)
                else { throw APIError(.forbidden, field: "sig", "the link is invalid or has expired") }
                let (answered, recorded) = try await self.answer(e, member: member, kind: kind, actor: "link:\(member)", via: "link")
                return try jsonResponse(
                    LinkAnswerView(escalation: answered.id, answer: kind.rawValue, status: answered.status.rawValue, recorded: recorded))
            }
        }
    }

    func escalation(_ context: BasicRequestContext) async throws -> EscalationRecord {
        let id = try context.parameters.require("id")
        guard let e = try await store.escalation(id: id) else { throw APIError(.notFound, field: "id", "no escalation \"\(id)\"") }
        return e
    }

    func createEscalation(_ request: Request) async throws -> Response {
        let who = try auth.require(request, .admin, .facility)
        let r = try await request.decodeJSON(EscalationRequest.self)
        if let f = r.facility, network.facilityIndex[f] == nil { throw APIError(.badRequest, field: "facility", "unknown facility \"\(f)\"") }
        if let p = r.pool, network.poolIndex[p] == nil { throw APIError(.badRequest, field: "pool", "unknown pool \"\(p)\"") }
        // A facility token speaks for its own facility unless it names one.
        let facility = r.facility ?? (who.role == .facility ? who.facility : nil)
        if r.pool == nil && facility == nil { throw APIError(.badRequest, field: "pool", "give a pool or a facility") }
        if who.role == .facility, facility != who.facility { throw APIError(.forbidden, field: "facility", "this token acts for \(who.facility ?? "-")") }
        let resolver = await book.resolver
        let now = clock.now
        // A facility's escalation goes to the first pool covering it that has someone on duty, physicians first.
        var candidates = r.pool.map { [$0] } ?? []
        if let facility {
            let covering = resolver.pools(coveringFacility: facility).sorted { ($0.role == .physician ? 0 : 1) < ($1.role == .physician ? 0 : 1) }
            if let p = r.pool, who.role == .facility, !covering.contains(where: { $0.id == p }) {
                throw APIError(.forbidden, field: "pool", "\(p) does not cover \(facility)")
            }
            if r.pool == nil { candidates = covering.map(\.id) }
        }
        guard let (pool, coverage) = candidates.lazy.compactMap({ p in resolver.covering(pool: p, at: now).map { (p, $0) } }).first else {
            throw APIError(.conflict, field: r.pool == nil ? "facility" : "pool", "nobody is rostered now")
        }
        let plan = EscalationPlan.make(coverage: coverage, pool: network.pools[network.poolIndex[pool]!], network: network, policy: policy)
        let record = EscalationRecord(
            pool: pool, facility: facility, note: r.note ?? "", urgency: r.urgency ?? "high", idempotencyKey: r.idempotencyKey,
            plan: try plan.json(), nextDeadline: now, createdAt: now, createdBy: who.actor)
        let (stored, created) = try await store.createEscalation(
            record, audit: AuditEntry(at: now, actor: who.actor, action: "escalate", subject: record.id, detail: pool))
        if created {
            metrics?.escalation("created")
            engine.wake()
        }
        return try jsonResponse(["id": stored.id, "status": stored.status.rawValue], status: created ? .created : .ok)
    }

    /// Records an acknowledgement or a decline. An acknowledgement closes the escalation; a decline ends
    /// only the decliner's part of the current step, and the step when nobody reached in it may still come.
    /// An answer to a closed escalation changes nothing.
    func answer(_ e: EscalationRecord, member: String, kind: Acknowledgement.Kind, actor: String, via: String) async throws
        -> (record: EscalationRecord, changed: Bool)
    {
        let plan = try EscalationPlan.decode(e.plan)
        guard plan.involves(member) else { throw APIError(.badRequest, field: "member", "\(member) is not paged by this escalation") }
        let now = clock.now
        let outcome = try await store.answer(
            Acknowledgement(escalationId: e.id, member: member, kind: kind, at: now, via: via),
            audit: AuditEntry(at: now, actor: actor, action: kind.rawValue, subject: e.id, detail: member)
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

    /// What the holder of a signed link learns: only what their answer did, nothing of the escalation's
    /// note, plan or pages (a link can be forwarded, previewed or left in a mailbox).
    struct LinkAnswerView: Encodable {
        var escalation: String
        var answer: String
        var status: String
        /// False when the escalation was already closed: the answer changed nothing.
        var recorded: Bool
    }

    func view(_ e: EscalationRecord) async throws -> EscalationView {
        let plan = try EscalationPlan.decode(e.plan)
        return EscalationView(
            id: e.id, status: e.status.rawValue, pool: e.pool, facility: e.facility, note: e.note, urgency: e.urgency, step: e.stepIndex,
            round: e.round, paged: e.stepPaged, nextDeadline: e.nextDeadline,
            plan: plan.steps.map { PlanStep(tier: $0.tier, targets: $0.targets.map { PageTarget(member: $0.member, channels: []) }) },
            pages: try await store.pages(escalation: e.id).map {
                .init(pageId: $0.pageId, member: $0.member, tier: $0.tier, channel: $0.channel, sentAt: $0.sentAt, result: $0.result, attempt: $0.attempt)
            },
            answers: try await store.acknowledgements(escalation: e.id).map { .init(member: $0.member, kind: $0.kind.rawValue, at: $0.at) })
    }
}
