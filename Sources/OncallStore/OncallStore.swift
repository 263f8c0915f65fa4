// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// The daemon's durable state: published rosters, overrides, escalations and their pages, patients, feed keys,
/// web sessions, the audit log. Two implementations: `SQLiteStore` (one file, one daemon) and `PostgresStore`
/// (several daemons on one database); `StoreContractTests` runs one suite against both.
///
/// Every write is a committed transaction before the caller acts on it, so a `kill -9` loses nothing. The
/// rules that must hold across concurrent callers — and across daemons — are kept here, inside the write's
/// transaction: a page attempt only while its escalation is still at the page's step, an answer only while
/// the escalation is open, an override only if nothing changed the rosters since the caller checked it.
public protocol OncallStore: Sendable {
    // MARK: Rosters

    /// Makes `roster` the month's roster in force and keeps it as the month's next version, its duties as rows of
    /// that version (numbered with it, whatever `roster.version` says), in one transaction; returns the version.
    @discardableResult
    func publish(_ roster: PublishedRoster, audit: AuditEntry) async throws -> Int
    /// Every version published for `month`, oldest first, each with its duties in their published order.
    func rosterVersions(month: String) async throws -> [PublishedRosterVersion]
    /// The month's roster in force (its latest version) with its duties; nil when none is published.
    func publishedRoster(month: String) async throws -> PublishedRoster?
    /// Every month's roster in force, by month, with its duties: one query per table, not one per month.
    func publishedRosters() async throws -> [PublishedRoster]

    // MARK: Overrides

    /// The overrides in force (oldest first, so later ones apply on top) and the rosters' revision they were
    /// read at: a publish, an override or a revocation moves the revision on.
    func overridesInForce() async throws -> RosterRevision
    /// Inserts the override only if the rosters are still at `revision` (what the caller checked the rules
    /// against); false when something changed in between: check again. So two overrides that together break a
    /// rule can never both be accepted, whichever daemon takes them.
    func insertOverride(_ override: RosterOverride, audit: AuditEntry, ifRevision revision: Int64) async throws -> Bool
    /// Marks an override revoked; false when there is no such override in force.
    func revokeOverride(id: String, at: Date, audit: AuditEntry) async throws -> Bool
    /// Every override on a date in `first...last` ("YYYY-MM-DD"), revoked ones too, oldest first.
    func overrides(from first: String, through last: String) async throws -> [RosterOverride]

    // MARK: Escalations

    /// Inserts the escalation, or returns the one already stored under its idempotency key.
    func createEscalation(_ escalation: EscalationRecord, audit: AuditEntry) async throws -> (EscalationRecord, created: Bool)
    func escalation(id: String) async throws -> EscalationRecord?
    /// Escalations due now (open and past their deadline, or with the admins' alert due), earliest first,
    /// claimed by nobody else: each is now claimed by `owner` until `now + lease`. Another daemon takes an
    /// escalation over only when its claim has run out (its owner stopped, or lost the database).
    func claimDue(at now: Date, owner: String, lease: TimeInterval, limit: Int) async throws -> [EscalationRecord]
    /// Extends `owner`'s claim while it still works on the escalation; false when the claim is no longer its own.
    func renewClaim(escalation id: String, owner: String, until: Date) async throws -> Bool
    /// Ends `owner`'s claim: the escalation is free for whoever finds it due next.
    func releaseClaim(escalation id: String, owner: String) async throws
    /// When `owner` must next look, the earliest instant after `now` at which an escalation falls due for it to
    /// claim: its deadline, or — while another engine's claim on it lasts past that — the claim's end. So the
    /// engine that takes over from a dead one wakes when the lease runs out, not at its next poll. Its own claims
    /// count at their deadline: it may take those back at any time.
    func nextDeadline(after now: Date, owner: String) async throws -> Date?
    func openEscalations() async throws -> [EscalationRecord]
    /// Open escalations, and how many of them are past their deadline by more than `grace` (an engine that has stopped).
    func openEscalationCounts(now: Date, grace: TimeInterval) async throws -> (open: Int, overdue: Int)
    /// Applies `change` to the stored escalation in one transaction, unless it is no longer open.
    /// - Returns: the escalation after the change, or nil when it was not open (an ack won the race).
    func updateOpenEscalation(
        id: String, audit: AuditEntry?, _ change: @Sendable @escaping (inout EscalationRecord) -> Void
    ) async throws -> EscalationRecord?
    /// Records an acknowledgement or a decline while the escalation is open and applies `change`, in one
    /// transaction. An answer to a closed escalation changes nothing and is not recorded.
    func answer(
        _ answer: Acknowledgement, audit: AuditEntry, _ change: @Sendable @escaping (inout EscalationRecord, StepAnswers) -> Void
    ) async throws -> AnswerOutcome

    // MARK: Pages

    /// Writes a "sending" attempt of `pageId` if the escalation is still at `gate` and claimed by `owner`;
    /// nil when it has moved on (acknowledged, declined past, exhausted, alert sent) or another daemon took it.
    func beginAttempt(
        escalation id: String, gate: PageGate, owner: String, pageId: String, member: String, tier: String, channel: String, at now: Date
    ) async throws -> PageRecord?
    /// Records how an attempt ended ("delivered" or "failed: why").
    func finishAttempt(_ record: PageRecord, result: String) async throws
    /// Whether some attempt of `pageId` was delivered (before a restart, say): then it is not sent again.
    func wasDelivered(pageId: String) async throws -> Bool
    /// Ends the paging of a step: `change` sees who was reached and who declined, in one transaction,
    /// and only if the escalation is still open at that step and round, not yet marked paged.
    func finishStep(
        escalation id: String, index: Int, round: Int, _ change: @Sendable @escaping (inout EscalationRecord, StepAnswers) -> Void
    ) async throws -> EscalationRecord?
    /// The admins' alert went out (or every channel was tried): it is no longer due.
    func alertSent(escalation id: String) async throws
    func pages(escalation id: String) async throws -> [PageRecord]
    func acknowledgements(escalation id: String) async throws -> [Acknowledgement]
    func auditLog() async throws -> [AuditEntry]

    // MARK: Patients

    /// Replaces the whole register in one transaction, audited with what changed.
    func replacePatients(_ patients: [Patient], at now: Date, actor: String) async throws -> RegisterChange
    func patients() async throws -> [Patient]
    func patients(ofFacilities facilities: Set<String>) async throws -> [Patient]
    func patient(id: String) async throws -> Patient?
    /// Removes a patient, name and all; the audit log keeps their id. False when there is none.
    func deletePatient(id: String, at now: Date, actor: String) async throws -> Bool

    // MARK: Feed keys

    func insert(_ key: FeedKeyRecord, audit: AuditEntry) async throws
    /// The key whose SHA-256 is `hash`, revoked or not.
    func feedKey(hash: String) async throws -> FeedKeyRecord?
    func feedKey(id: String) async throws -> FeedKeyRecord?
    /// Keys in force, oldest first; only those of one member or pool when `kind` and `subject` are given.
    func activeFeedKeys(kind: FeedKeyRecord.Kind?, subject: String?) async throws -> [FeedKeyRecord]
    /// Marks a key revoked; false when there is no such key in force.
    func revokeFeedKey(id: String, at: Date, audit: AuditEntry) async throws -> Bool

    // MARK: Web sessions

    /// Keeps a new session; sessions already expired go in the same transaction, so the table holds only live ones and a few stale.
    func createSession(_ session: WebSessionRecord) async throws
    /// The session whose id hashes to `hash`, unless it has expired by `now`.
    func session(hash: String, now: Date) async throws -> WebSessionRecord?
    /// Ends a session (sign-out); false when there was none.
    @discardableResult
    func revokeSession(hash: String) async throws -> Bool
    /// Deletes the sessions expired by `now`; returns how many.
    @discardableResult
    func purgeExpiredSessions(now: Date) async throws -> Int

    // MARK: Secrets and changes

    /// The secret called `name`, made at random (256 bits, hex) the first time and kept in the store, so links
    /// it signs still work after a restart, and every daemon on one database signs alike.
    func secret(named name: String) async throws -> String
    /// What other writers changed, as it commits: this process's own writes on SQLite; every daemon's on
    /// PostgreSQL (LISTEN/NOTIFY). Each call is a new subscriber.
    func changes() -> AsyncStream<StoreChange>
}

extension OncallStore {
    /// Overrides in force, oldest first.
    public func activeOverrides() async throws -> [RosterOverride] { try await overridesInForce().overrides }

    public func activeFeedKeys() async throws -> [FeedKeyRecord] { try await activeFeedKeys(kind: nil, subject: nil) }

    public func openEscalationCount() async throws -> Int { try await openEscalationCounts(now: Date(), grace: 0).open }

    public func updateOpenEscalation(id: String, _ change: @Sendable @escaping (inout EscalationRecord) -> Void) async throws -> EscalationRecord? {
        try await updateOpenEscalation(id: id, audit: nil, change)
    }
}
