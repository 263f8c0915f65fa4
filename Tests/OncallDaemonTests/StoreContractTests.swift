// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import RosterModel
import Synchronization
import Testing

/// One suite, both stores: what the daemon relies on from any store, SQLite's and PostgreSQL's alike.
/// (Under `.ci/with-postgres` every test runs twice; without it, on SQLite only.)
struct StoreContractTests {
    let audit = AuditEntry(at: Date(timeIntervalSince1970: 900), actor: "admin", action: "test", subject: "x")

    func escalation(key: String?, deadline: Date = Date(timeIntervalSince1970: 1_000)) -> EscalationRecord {
        EscalationRecord(
            pool: "docs", facility: "c1", note: "patient short of breath", urgency: "high", idempotencyKey: key, plan: EscalationPlan(steps: [], rounds: 1, ackTimeoutSeconds: 300, admins: []),
            nextDeadline: deadline, createdAt: Date(timeIntervalSince1970: 900), createdBy: "admin")
    }

    func duty(_ date: String, _ shift: String, _ tier: Tier, _ member: String) -> PublishedDuty {
        PublishedDuty(month: String(date.prefix(7)), date: date, shift: shift, pool: "docs", tier: tier, member: member)
    }

    /// `roster` as the store gives it back once published as `version`: it and its duties numbered with it.
    func numbered(_ roster: PublishedRoster, _ version: Int) -> PublishedRoster {
        var numbered = roster
        numbered.version = version
        numbered.duties = roster.duties.map { d in
            var d = d
            d.version = version
            return d
        }
        return numbered
    }

    @Test(arguments: StoreKind.available)
    func escalationsAndPagesSurviveReopening(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let created: EscalationRecord
        do {
            let store = try await db.open()
            (created, _) = try await store.createEscalation(escalation(key: "k1"), audit: audit)
            let claimed = try await store.claimDue(at: Date(timeIntervalSince1970: 1_000), owner: "a", lease: 10, limit: 10)
            #expect(claimed.map(\.id) == [created.id])
            let page = try #require(try await store.beginAttempt(
                escalation: created.id, gate: .step(index: 0, round: 0), owner: "a", pageId: "pg", member: "p3", tier: "primary",
                channel: "webhook", at: Date(timeIntervalSince1970: 1_000)))
            try await store.finishAttempt(page, result: "delivered")
            try await store.releaseClaim(escalation: created.id, owner: "a")
        }
        let reopened = try await db.open()
        #expect(try await reopened.openEscalations() == [created])
        #expect(try await reopened.openEscalationCount() == 1)
        #expect(try await reopened.pages(escalation: created.id).map(\.result) == ["delivered"])
        #expect(try await reopened.wasDelivered(pageId: "pg"))
        #expect(try await !reopened.wasDelivered(pageId: "other"))
        #expect(try await reopened.auditLog().map(\.action) == ["test"])
        #expect(try await reopened.claimDue(at: Date(timeIntervalSince1970: 999), owner: "b", lease: 10, limit: 10).isEmpty)
        #expect(try await reopened.nextDeadline(after: Date(timeIntervalSince1970: 999), owner: "b") == Date(timeIntervalSince1970: 1_000))
        let counts = try await reopened.openEscalationCounts(now: Date(timeIntervalSince1970: 1_100), grace: 30)
        #expect(counts.open == 1 && counts.overdue == 1)
    }

    @Test(arguments: StoreKind.available)
    func theSameIdempotencyKeyGivesTheFirstEscalationThroughAnyConnection(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let one = try await db.open(), two = try await db.open()
        // Twenty callers at once, half through each "daemon": one escalation.
        let results = try await withThrowingTaskGroup(of: (EscalationRecord, Bool).self) { group in
            for i in 0..<20 {
                let store = i % 2 == 0 ? one : two
                group.addTask { try await store.createEscalation(self.escalation(key: "same"), audit: self.audit) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter(\.1).count == 1)
        #expect(Set(results.map(\.0.id)).count == 1)
        #expect(try await one.openEscalations().count == 1)
    }

    @Test(arguments: StoreKind.available)
    func aClaimKeepsOtherEnginesOffUntilItsLeaseRunsOut(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let one = try await db.open(), two = try await db.open()
        let (e, _) = try await one.createEscalation(escalation(key: nil), audit: audit)
        let t = Date(timeIntervalSince1970: 1_000)
        #expect(try await one.claimDue(at: t, owner: "a", lease: 10, limit: 10).map(\.id) == [e.id])
        #expect(try await two.claimDue(at: t.addingTimeInterval(1), owner: "b", lease: 10, limit: 10).isEmpty)
        // The claimer may page; the other may not.
        #expect(try await two.beginAttempt(
            escalation: e.id, gate: .step(index: 0, round: 0), owner: "b", pageId: "p", member: "m", tier: "primary", channel: "webhook", at: t) == nil)
        #expect(try await one.renewClaim(escalation: e.id, owner: "a", until: t.addingTimeInterval(20)))
        #expect(try await !two.renewClaim(escalation: e.id, owner: "b", until: t.addingTimeInterval(20)))
        #expect(try await two.claimDue(at: t.addingTimeInterval(15), owner: "b", lease: 10, limit: 10).isEmpty, "renewed until 1020")
        // "a" died without releasing: after the lease, "b" takes over; "a" can no longer page.
        #expect(try await two.claimDue(at: t.addingTimeInterval(21), owner: "b", lease: 10, limit: 10).map(\.id) == [e.id])
        #expect(try await one.beginAttempt(
            escalation: e.id, gate: .step(index: 0, round: 0), owner: "a", pageId: "p", member: "m", tier: "primary", channel: "webhook", at: t) == nil)
        #expect(try await two.beginAttempt(
            escalation: e.id, gate: .step(index: 0, round: 0), owner: "b", pageId: "p", member: "m", tier: "primary", channel: "webhook", at: t) != nil)
        try await two.releaseClaim(escalation: e.id, owner: "b")
        #expect(try await one.claimDue(at: t.addingTimeInterval(22), owner: "a", lease: 10, limit: 10).map(\.id) == [e.id])
    }

    @Test("attempts of one page id are numbered 1, 2, …; the step's end sees who was reached and who declined", arguments: StoreKind.available)
    func attemptsAreNumberedAndTheStepSeesItsAnswers(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let store = try await db.open()
        let t = Date(timeIntervalSince1970: 1_000)
        let (e, _) = try await store.createEscalation(escalation(key: nil, deadline: t), audit: audit)
        #expect(try await store.claimDue(at: t, owner: "a", lease: 10, limit: 1).map(\.id) == [e.id])
        func attempt(_ page: String, _ member: String) async throws -> PageRecord? {
            try await store.beginAttempt(
                escalation: e.id, gate: .step(index: 0, round: 0), owner: "a", pageId: page, member: member, tier: "primary", channel: "webhook", at: t)
        }
        let first = try #require(try await attempt("page-p1", "p1"))
        try await store.finishAttempt(first, result: "failed: timeout")
        let second = try #require(try await attempt("page-p1", "p1"))
        let other = try #require(try await attempt("page-p2", "p2"))
        let attempts: [Int] = [first.attempt, second.attempt, other.attempt]
        #expect(attempts == [1, 2, 1])
        try await store.finishAttempt(second, result: PageRecord.delivered)
        try await store.finishAttempt(other, result: PageRecord.delivered)
        _ = try await store.answer(
            Acknowledgement(escalationId: e.id, member: "p2", kind: .decline, at: t, via: "token"), audit: audit) { _, _ in }
        let seen = Mutex<StepAnswers?>(nil)
        let finished = try await store.finishStep(escalation: e.id, index: 0, round: 0) { record, answers in
            seen.withLock { $0 = answers }
            record.stepPaged = true
        }
        #expect(finished?.stepPaged == true)
        #expect(seen.withLock { $0 } == StepAnswers(delivered: ["p1", "p2"], declined: ["p2"]))
    }

    @Test("the next deadline is a claim's end while another engine's claim outlasts the escalation's deadline", arguments: StoreKind.available)
    func nextDeadlineWaitsForAClaimToRunOut(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let store = try await db.open()
        let t = Date(timeIntervalSince1970: 1_000)
        let (e, _) = try await store.createEscalation(escalation(key: nil, deadline: t), audit: audit)
        _ = try await store.createEscalation(escalation(key: nil, deadline: t.addingTimeInterval(30)), audit: audit)
        #expect(try await store.nextDeadline(after: t.addingTimeInterval(1), owner: "b") == t.addingTimeInterval(30))
        // Claimed at its deadline by an engine that then dies: another must look when the claim runs out.
        #expect(try await store.claimDue(at: t, owner: "a", lease: 10, limit: 1).map(\.id) == [e.id])
        #expect(try await store.nextDeadline(after: t.addingTimeInterval(1), owner: "b") == t.addingTimeInterval(10))
        #expect(try await store.nextDeadline(after: t.addingTimeInterval(10), owner: "b") == t.addingTimeInterval(30))
        // Its own claim does not hold "a" back: it may take the escalation again at any time.
        #expect(try await store.nextDeadline(after: t.addingTimeInterval(1), owner: "a") == t.addingTimeInterval(30))
        try await store.releaseClaim(escalation: e.id, owner: "a")
        #expect(try await store.nextDeadline(after: t.addingTimeInterval(1), owner: "b") == t.addingTimeInterval(30), "released: due now, so claimed at the next look")
    }

    @Test(arguments: StoreKind.available)
    func concurrentEnginesNeverClaimOneEscalationTwice(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let stores = [try await db.open(), try await db.open()]
        for _ in 0..<30 { _ = try await stores[0].createEscalation(escalation(key: nil), audit: audit) }
        let claims = try await withThrowingTaskGroup(of: [String].self) { group in
            for i in 0..<6 {
                group.addTask {
                    try await stores[i % 2].claimDue(at: Date(timeIntervalSince1970: 1_000), owner: "engine\(i)", lease: 10, limit: 7).map(\.id)
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claims.count == 30, "every due escalation claimed")
        #expect(Set(claims).count == claims.count, "none twice")
    }

    @Test(arguments: StoreKind.available)
    func noAttemptAfterAnAcknowledgementAndALateAnswerChangesNothing(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let store = try await db.open()
        let now = Date(timeIntervalSince1970: 1_000)
        let (e, _) = try await store.createEscalation(escalation(key: nil), audit: audit)
        let gate = PageGate.step(index: 0, round: 0)
        let first = try #require(try await store.beginAttempt(
            escalation: e.id, gate: gate, owner: "a", pageId: "a", member: "p1", tier: "primary", channel: "webhook", at: now))
        try await store.finishAttempt(first, result: PageRecord.delivered)
        let outcome = try await store.answer(
            Acknowledgement(escalationId: e.id, member: "p1", kind: .ack, at: now, via: "token"), audit: audit
        ) { r, answers in
            #expect(answers.delivered == ["p1"])
            r.status = .acknowledged
            r.closedAt = now
        }
        guard case .applied(let acked) = outcome else { Issue.record("not applied: \(outcome)"); return }
        #expect(acked.status == .acknowledged)
        #expect(try await store.beginAttempt(
            escalation: e.id, gate: gate, owner: "a", pageId: "a", member: "p1", tier: "primary", channel: "webhook", at: now) == nil)
        let late = try await store.answer(Acknowledgement(escalationId: e.id, member: "p1", kind: .decline, at: now, via: "token"), audit: audit) { r, _ in
            r.stepIndex += 1
        }
        guard case .closed(let closed) = late else { Issue.record("a late decline was applied: \(late)"); return }
        #expect(closed.stepIndex == 0)
        #expect(try await store.acknowledgements(escalation: e.id).map(\.kind) == [.ack])
        #expect(try await store.acknowledgements(escalation: e.id).first?.stepIndex == 0)
        #expect(try await store.updateOpenEscalation(id: e.id) { $0.round += 1 } == nil)
        #expect(try await store.claimDue(at: now.addingTimeInterval(3_600), owner: "a", lease: 10, limit: 10).isEmpty)
    }

    @Test(arguments: StoreKind.available)
    func finishingAStepSeesWhoWasReachedAndWhoDeclined(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let store = try await db.open()
        let now = Date(timeIntervalSince1970: 1_000)
        let (e, _) = try await store.createEscalation(escalation(key: nil), audit: audit)
        let gate = PageGate.step(index: 0, round: 0)
        for member in ["p1", "p2"] {
            let attempt = try #require(try await store.beginAttempt(
                escalation: e.id, gate: gate, owner: "a", pageId: member, member: member, tier: "primary", channel: "webhook", at: now))
            try await store.finishAttempt(attempt, result: member == "p1" ? PageRecord.delivered : "failed: timeout")
        }
        _ = try await store.answer(Acknowledgement(escalationId: e.id, member: "p1", kind: .decline, at: now, via: "link"), audit: audit) { _, _ in }
        let seen = Mutex<StepAnswers?>(nil)
        let after = try await store.finishStep(escalation: e.id, index: 0, round: 0) { r, answers in
            seen.withLock { $0 = answers }
            r.stepPaged = true
        }
        #expect(seen.withLock { $0 } == StepAnswers(delivered: ["p1"], declined: ["p1"]))
        #expect(after?.stepPaged == true)
        #expect(try await store.finishStep(escalation: e.id, index: 0, round: 0) { _, _ in } == nil, "a step is finished once")
        #expect(try await store.escalation(id: e.id)?.stepPaged == true)
        // The admins' alert is state until sent.
        _ = try await store.updateOpenEscalation(id: e.id) { r in
            r.status = .exhausted
            r.alertDue = true
        }
        #expect(try await store.claimDue(at: now, owner: "a", lease: 10, limit: 10).map(\.id) == [e.id])
        #expect(try await store.beginAttempt(
            escalation: e.id, gate: .alert, owner: "a", pageId: "alert", member: "admin", tier: "admin", channel: "email", at: now) != nil)
        try await store.alertSent(escalation: e.id)
        try await store.releaseClaim(escalation: e.id, owner: "a")
        #expect(try await store.claimDue(at: now, owner: "a", lease: 10, limit: 10).isEmpty)
    }

    @Test(arguments: StoreKind.available)
    func rostersKeepEveryVersionAndOverridesCommitOnlyAtTheRevisionChecked(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let store = try await db.open()
        let roster = PublishedRoster(month: "2026-12", duties: [], publishedAt: Date(timeIntervalSince1970: 5), publishedBy: "admin")
        #expect(try await store.publish(roster, audit: audit) == 1)
        var second = roster
        second.duties.append(duty("2026-12-01", "night", .primary, "p1"))
        #expect(try await store.publish(second, audit: audit) == 2)
        #expect(try await store.publishedRoster(month: "2026-12") == numbered(second, 2))
        #expect(try await store.rosterVersions(month: "2026-12").map(\.version) == [1, 2])
        #expect(try await store.publishedRosters().map(\.month) == ["2026-12"])

        let state = try await store.overridesInForce()
        #expect(state.overrides.isEmpty)
        let o = RosterOverride(
            pool: "docs", date: "2026-12-05", shift: "night", tier: "primary", member: "p1", replaces: "p3",
            createdAt: Date(timeIntervalSince1970: 6), createdBy: "admin")
        #expect(try await !store.insertOverride(o, audit: audit, ifRevision: state.revision - 1), "a stale revision is refused")
        #expect(try await store.insertOverride(o, audit: audit, ifRevision: state.revision))
        #expect(try await !store.insertOverride(o, audit: audit, ifRevision: state.revision), "the revision moved on")
        let after = try await store.overridesInForce()
        #expect(after.overrides == [o] && after.revision > state.revision)
        #expect(try await store.revokeOverride(id: o.id, at: Date(timeIntervalSince1970: 7), audit: audit))
        #expect(try await !store.revokeOverride(id: o.id, at: Date(timeIntervalSince1970: 8), audit: audit))
        #expect(try await store.overridesInForce().revision > after.revision)
        #expect(try await store.activeOverrides().isEmpty)
        #expect(try await store.overrides(from: "2026-12-01", through: "2026-12-31").map(\.id) == [o.id])
    }

    @Test(arguments: StoreKind.available)
    func ofManyOverridesCheckedAtOneRevisionOnlyOneCommits(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let stores = [try await db.open(), try await db.open()]
        let revision = try await stores[0].overridesInForce().revision
        let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<20 {
                group.addTask {
                    let o = RosterOverride(
                        pool: "docs", date: "2026-12-0\(i % 9 + 1)", shift: "night", tier: "primary", member: "p\(i)", replaces: nil,
                        createdAt: Date(), createdBy: "admin")
                    return try await stores[i % 2].insertOverride(o, audit: self.audit, ifRevision: revision)
                }
            }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(accepted == 1)
        #expect(try await stores[1].activeOverrides().count == 1)
    }

    @Test(arguments: StoreKind.available)
    func patientsFeedKeysAndSecrets(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let store = try await db.open()
        let now = Date(timeIntervalSince1970: 2_000)
        let a = Patient(id: "pt1", name: "山田", facility: "c1", attending: "p1", partner: "p2", hospital: nil, consent: nil)
        let b = Patient(id: "pt2", name: "佐藤", facility: "c2", attending: "p3", partner: nil, hospital: "h1", consent: nil)
        #expect(try await store.replacePatients([a, b], at: now, actor: "admin").added == ["pt1", "pt2"])
        var a2 = a
        a2.partner = nil
        let change = try await store.replacePatients([a2], at: now, actor: "admin")
        #expect(change.changed == ["pt1"] && change.removed == ["pt2"] && change.added.isEmpty)
        #expect(try await store.patients() == [a2])
        #expect(try await store.patients(ofFacilities: ["c1", "c9"]) == [a2])
        #expect(try await store.patients(ofFacilities: ["c2"]).isEmpty)
        #expect(try await store.patient(id: "pt1") == a2)
        #expect(try await store.deletePatient(id: "pt1", at: now, actor: "admin"))
        #expect(try await !store.deletePatient(id: "pt1", at: now, actor: "admin"))
        #expect(try await store.patient(id: "pt1") == nil)

        let key = FeedKeyRecord(kind: .member, subject: "p3", keyHash: "ab12", createdAt: now, createdBy: "admin")
        try await store.insert(key, audit: audit)
        try await store.insert(FeedKeyRecord(kind: .pool, subject: "docs", keyHash: "cd34", createdAt: now, createdBy: "admin"), audit: audit)
        #expect(try await store.feedKey(hash: "ab12")?.id == key.id)
        #expect(try await store.feedKey(id: key.id) == key)
        #expect(try await store.activeFeedKeys().count == 2)
        #expect(try await store.activeFeedKeys(kind: .member, subject: "p3").map(\.id) == [key.id])
        #expect(try await store.activeFeedKeys(kind: .pool, subject: nil).map(\.subject) == ["docs"])
        #expect(try await store.revokeFeedKey(id: key.id, at: now, audit: audit))
        #expect(try await !store.revokeFeedKey(id: key.id, at: now, audit: audit))
        #expect(try await store.activeFeedKeys().map(\.subject) == ["docs"])

        let secret = try await store.secret(named: "link")
        #expect(secret.count == 64)
        #expect(try await db.open().secret(named: "link") == secret, "every daemon on one database signs alike")
        #expect(try await store.secret(named: "other") != secret)
    }

    @Test("a session is found by its hash until it expires or is revoked, through any connection; expired ones are purged",
          arguments: StoreKind.available)
    func sessionsExpireAndAreRevoked(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let store = try await db.open()
        let t0 = instant("2026-12-06T02:00:00+09:00")
        try await store.createSession(WebSessionRecord(idHash: "a", tokenHash: "ta", createdAt: t0, expiresAt: t0.addingTimeInterval(60)))
        try await store.createSession(WebSessionRecord(idHash: "b", tokenHash: "tb", createdAt: t0, expiresAt: t0.addingTimeInterval(600)))
        #expect(try await store.session(hash: "a", now: t0)?.tokenHash == "ta")
        let other = try await db.open()
        #expect(try await other.session(hash: "b", now: t0)?.tokenHash == "tb", "every daemon on one database knows the session")
        #expect(try await store.session(hash: "a", now: t0.addingTimeInterval(60)) == nil, "expired at its expiry")
        #expect(try await store.session(hash: "zz", now: t0) == nil)
        #expect(try await other.revokeSession(hash: "b"))
        #expect(!(try await store.revokeSession(hash: "b")))
        #expect(try await store.session(hash: "b", now: t0) == nil, "signed out through one daemon, out on all")
        #expect(try await store.purgeExpiredSessions(now: t0.addingTimeInterval(61)) == 1)
        #expect(try await store.purgeExpiredSessions(now: t0.addingTimeInterval(61)) == 0)
        // A new session takes the expired ones out with it.
        try await store.createSession(WebSessionRecord(idHash: "c", tokenHash: "tc", createdAt: t0, expiresAt: t0.addingTimeInterval(60)))
        try await store.createSession(
            WebSessionRecord(idHash: "d", tokenHash: "td", createdAt: t0.addingTimeInterval(120), expiresAt: t0.addingTimeInterval(720)))
        #expect(try await store.purgeExpiredSessions(now: t0.addingTimeInterval(121)) == 0)
        #expect(try await store.session(hash: "d", now: t0.addingTimeInterval(121))?.tokenHash == "td")
    }

    @Test(arguments: StoreKind.available)
    func dutyRowsComeBackAsPublishedEachVersionWithItsOwn(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let store = try await db.open()
        // Not in reading order, two primaries on one shift, both tiers: it comes back exactly as it went in.
        let first = PublishedRoster(
            month: "2026-12",
            duties: [
                duty("2026-12-02", "night", .backup, "p4"), duty("2026-12-01", "day", .primary, "p2"),
                duty("2026-12-01", "day", .primary, "p1"), duty("2026-12-01", "day", .backup, "p3"),
            ], publishedAt: Date(timeIntervalSince1970: 5), publishedBy: "admin")
        var second = first
        second.duties = [duty("2026-12-01", "night", .primary, "p5")]
        second.publishedAt = Date(timeIntervalSince1970: 6)
        let january = PublishedRoster(
            month: "2027-01", duties: [duty("2027-01-01", "day", .backup, "p1")], publishedAt: Date(timeIntervalSince1970: 7), publishedBy: "admin")
        #expect(try await store.publish(first, audit: audit) == 1)
        #expect(try await store.publish(second, audit: audit) == 2)
        #expect(try await store.publish(january, audit: audit) == 1)

        let versions = try await store.rosterVersions(month: "2026-12")
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions.map(\.duties) == [numbered(first, 1).duties, numbered(second, 2).duties])
        #expect(versions.map(\.publishedAt) == [first.publishedAt, second.publishedAt])
        #expect(try await store.publishedRoster(month: "2026-12") == numbered(second, 2))
        #expect(try await store.publishedRosters() == [numbered(second, 2), numbered(january, 1)])
        #expect(try await store.publishedRoster(month: "2027-02") == nil)
        #expect(try await store.rosterVersions(month: "2027-02").isEmpty)
        // Read by another daemon (on PostgreSQL; SQLite reopens the file): the same rows, the same order.
        let other = try await db.open()
        #expect(try await other.rosterVersions(month: "2026-12").first?.duties.map(\.tier) == [.backup, .primary, .primary, .backup])
        #expect(try await other.rosterVersions(month: "2026-12").first?.duties.map(\.member) == ["p4", "p2", "p1", "p3"])

        // A duty given twice is one duty.
        let twice = duty("2027-02-01", "day", .primary, "p1")
        try await store.publish(PublishedRoster(month: "2027-02", duties: [twice, twice], publishedAt: Date(), publishedBy: "admin"), audit: audit)
        #expect(try await store.publishedRoster(month: "2027-02")?.duties.map(\.member) == ["p1"])
    }

    @Test("the database refuses a status, urgency, tier or kind outside its closed set, on insert and on update", arguments: StoreKind.available)
    func theDatabaseChecksEveryClosedSet(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let store = try await db.open()
        let (e, _) = try await store.createEscalation(escalation(key: nil), audit: audit)
        // Right statements are taken, so what is refused below is refused for its value.
        try await db.execute("UPDATE escalation SET status = 'exhausted', urgency = 'low' WHERE id = '\(e.id)'")
        try await db.execute("INSERT INTO acknowledgement (escalation_id, member, kind, at, via) VALUES ('\(e.id)', 'p1', 'decline', '2026-12-01 00:00:00.000', 'token')")
        for (what, sql) in [
            ("an escalation status", "UPDATE escalation SET status = 'closed' WHERE id = '\(e.id)'"),
            ("an urgency", "UPDATE escalation SET urgency = 'urgent' WHERE id = '\(e.id)'"),
            ("an answer", "INSERT INTO acknowledgement (escalation_id, member, kind, at, via) VALUES ('\(e.id)', 'p1', 'maybe', '2026-12-01 00:00:00.000', 'token')"),
            ("an override tier", """
                INSERT INTO override (id, pool, date, shift, tier, member, created_at, created_by)
                VALUES ('o1', 'docs', '2026-12-01', 'day', 'third', 'p1', '2026-12-01 00:00:00.000', 'admin')
                """),
            ("a feed key kind", """
                INSERT INTO ical_feed_key (id, kind, subject, key_hash, created_at, created_by)
                VALUES ('k1', 'facility', 'c1', 'h', '2026-12-01 00:00:00.000', 'admin')
                """),
        ] {
            await #expect(throws: (any Error).self, "\(what) outside its set") { try await db.execute(sql) }
        }
        #expect(try await store.escalation(id: e.id)?.status == .exhausted)
    }

    @Test(arguments: StoreKind.available)
    func theDatabaseRefusesADutyOutsideItsClosedSetsOrVersion(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let store = try await db.open()
        try await store.publish(PublishedRoster(month: "2026-12", duties: [], publishedAt: Date(), publishedBy: "admin"), audit: audit)
        @Sendable func insert(_ values: String) async throws {
            try await db.execute("INSERT INTO published_duty (month, version, position, date, shift, pool, tier, member) VALUES \(values)")
        }
        // The statement is right: a duty of the closed sets, of a version that exists, is taken.
        try await insert("('2026-12', 1, 0, '2026-12-01', 'day', 'docs', 'primary', 'p1')")
        await #expect(throws: (any Error).self, "a tier other than primary or backup") {
            try await insert("('2026-12', 1, 1, '2026-12-01', 'day', 'docs', 'oncall', 'p2')")
        }
        await #expect(throws: (any Error).self, "a date outside the month") {
            try await insert("('2026-12', 1, 1, '2027-01-01', 'day', 'docs', 'backup', 'p2')")
        }
        await #expect(throws: (any Error).self, "a date that is not YYYY-MM-DD") {
            try await insert("('2026-12', 1, 1, '2026-12-1', 'day', 'docs', 'backup', 'p2')")
        }
        await #expect(throws: (any Error).self, "a version never published") {
            try await insert("('2026-12', 2, 0, '2026-12-01', 'day', 'docs', 'primary', 'p1')")
        }
        #expect(try await store.publishedRoster(month: "2026-12")?.duties == [PublishedDuty(
            month: "2026-12", version: 1, date: "2026-12-01", shift: "day", pool: "docs", tier: .primary, member: "p1")])
    }

    @Test(arguments: StoreKind.available)
    func writersTellSubscribersWhatChanged(_ kind: StoreKind) async throws {
        let db = try await TestStore(kind)
        let writer = try await db.open()
        // On PostgreSQL the subscriber is another daemon's store; SQLite tells its own process only.
        let reader = kind == .postgres ? try await db.open() : writer
        let seen = Mutex<Set<StoreChange>>([])
        let changes = reader.changes()
        let listening = Task { for await change in changes { _ = seen.withLock { $0.insert(change) } } }
        defer { listening.cancel() }
        try await Task.sleep(for: .milliseconds(300))
        seen.withLock { $0.removeAll() }
        _ = try await writer.createEscalation(escalation(key: nil), audit: audit)
        try await writer.publish(PublishedRoster(month: "2026-12", duties: [], publishedAt: Date(), publishedBy: "admin"), audit: audit)
        let deadline = Date().addingTimeInterval(5)
        while seen.withLock({ $0 }) != [.escalations, .rosters], Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(seen.withLock { $0 } == [.escalations, .rosters])
    }
}
