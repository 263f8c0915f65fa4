// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Logging
import OncallNotifiers
import OncallStore
import RosterModel
import ServiceLifecycle
import Synchronization

/// Pages each open escalation's current step and moves on when its deadline passes.
///
/// All of its state is in the store, and every page attempt is written there, in one transaction, only
/// while the escalation is still at the page's step: so nothing is sent after an acknowledgement commits,
/// and after a crash `run()` finds the due escalations again. A page whose result was never recorded is
/// sent again with the same page id (at-least-once; receivers drop the duplicate by `page_id`); a page
/// recorded as delivered is not. The engine sleeps until the next stored deadline or until woken.
///
/// Several engines may share one PostgreSQL store: each due escalation is claimed by one of them for a lease
/// (`claimDue`), renewed while it works and released when done, so one engine at a time moves it; another takes
/// it over only when the lease runs out (its engine died), and pages the step again under the same page ids.
public final class EscalationEngine: Service, Sendable {
    let store: any OncallStore
    /// This engine's name in claims: unique among the engines sharing a store.
    public let owner: String
    /// How long a claim lasts unless renewed: the longest another engine waits for a step this one claimed and died on.
    let lease: Double
    let notifier: any Notifier
    let clock: any WallClock
    let links: AckLinks
    let logger: Logger
    /// The longest the loop sleeps without looking at the store (a wall clock that jumps, a store that failed).
    let maximumSleep: Double
    /// Sends per channel before falling back to the member's next channel.
    let attemptsPerChannel: Int
    let retryBackoff: Double
    let metrics: DaemonMetrics?
    private let inFlight = InFlight()
    private let wakeup = Wakeup()
    private let stopping = Atomic<Bool>(false)

    public init(
        store: any OncallStore, notifier: any Notifier, clock: any WallClock = SystemWallClock(), links: AckLinks,
        logger: Logger = Logger(label: "oncall.engine"), maximumSleep: Double = 1, attemptsPerChannel: Int = 2,
        retryBackoff: Double = 0.2, metrics: DaemonMetrics? = nil, owner: String = "local", lease: Double = 10
    ) {
        self.owner = owner
        self.lease = lease
        self.metrics = metrics
        self.store = store
        self.notifier = notifier
        self.clock = clock
        self.links = links
        self.logger = logger
        self.maximumSleep = maximumSleep
        self.attemptsPerChannel = attemptsPerChannel
        self.retryBackoff = retryBackoff
    }

    /// Asks the loop to look at the store now (a new escalation, a decline).
    public func wake() { wakeup.ring() }

    /// Runs until graceful shutdown: then it takes no new work, and the sends in flight finish
    /// (each is bounded by its channel's timeout) so none is cut off half-sent.
    public func run() async throws {
        let open = try await store.openEscalationCount()
        logger.info("escalation engine started", metadata: ["open": "\(open)"])
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                // Work another daemon (or this one's API) committed: look at once rather than at the next deadline.
                let changes = store.changes()
                let listener = Task {
                    for await change in changes where change == .escalations { self.wakeup.ring() }
                }
                defer { listener.cancel() }
                while !stopping.load(ordering: .relaxed) && !Task.isCancelled {
                    // Look at once: after a restart, what fell due while the daemon was down is paged now.
                    let next = await startDueWork(in: &group)
                    let seconds = min(maximumSleep, max(0, (next ?? .distantFuture).timeIntervalSince(clock.now)))
                    await wakeup.wait(seconds: seconds, clock: clock)
                }
            }
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .relaxed)
            self.logger.info("escalation engine stopping: it takes no new work, the sends in flight finish", metadata: ["in_flight": "\(self.inFlight.count)"])
            self.wakeup.ring()
        }
        logger.info("escalation engine stopped")
    }

    /// Starts a task for each due escalation not already being handled; returns the next deadline after now.
    /// Each escalation has a task of its own, so one slow channel cannot hold back another's deadline.
    private func startDueWork(in group: inout DiscardingTaskGroup) async -> Date? {
        let now = clock.now
        do {
            let due = try await store.claimDue(at: now, owner: owner, lease: lease, limit: 64)
            // Shutdown began while the claim was under way: hand back what no task of ours holds, unpaged,
            // for the next engine to take at once, rather than start sends on a daemon that is stopping.
            if stopping.load(ordering: .relaxed) {
                for e in due where !inFlight.contains(e.id) {
                    try? await store.releaseClaim(escalation: e.id, owner: owner)
                }
                return nil
            }
            for e in due where inFlight.claim(e.id) {
                group.addTask {
                    let progressed = await self.handleClaimed(e)
                    self.inFlight.release(e.id)
                    // The escalation may be due again at once (a step reached nobody, the next one is due now).
                    // After a failure the next look comes with the loop's own timer, not in a busy loop.
                    if progressed { self.wakeup.ring() }
                }
            }
            return try await store.nextDeadline(after: now, owner: owner)
        } catch {
            logger.error("escalation engine could not read the store", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Handles every escalation that is due now, until none is or a pass changes nothing
    /// (a store that keeps failing must not turn this into a busy loop). For tests with a manual clock.
    public func tick() async {
        do {
            for _ in 0..<100 {
                let due = try await store.claimDue(at: clock.now, owner: owner, lease: lease, limit: 1_000)
                if due.isEmpty { return }
                var progressed = false
                await withTaskGroup(of: Bool.self) { group in
                    for e in due { group.addTask { await self.handleClaimed(e) } }
                    for await moved in group { progressed = progressed || moved }
                }
                if !progressed { return }
            }
        } catch {
            logger.error("escalation engine could not read the store", metadata: ["error": "\(error)"])
        }
    }

    /// Handles a claimed escalation, renewing the claim while the work lasts and releasing it after, so the
    /// next engine to find it due (this one or another) may take it at once.
    private func handleClaimed(_ e: EscalationRecord) async -> Bool {
        let renewal = Task {
            while !Task.isCancelled {
                try await clock.sleep(for: lease / 3)
                guard try await store.renewClaim(escalation: e.id, owner: owner, until: clock.now.addingTimeInterval(lease)) else { return }
            }
        }
        let moved = await handle(e)
        renewal.cancel()
        do {
            try await store.releaseClaim(escalation: e.id, owner: owner)
        } catch {
            // Harmless: the claim runs out by itself after the lease.
            logger.warning("could not release a claim", metadata: ["escalation": "\(e.id)", "error": "\(error)"])
        }
        return moved
    }

    /// One move of one escalation: send its admins' alert, page its current step, or pass a step whose
    /// time is up. Returns false when the store failed or nothing moved.
    private func handle(_ listed: EscalationRecord) async -> Bool {
        do {
            // Read again: the list may predate another task's commit for this escalation.
            // (Compared by position, not deadline: stored dates are rounded to the millisecond.)
            guard let e = try await store.escalation(id: listed.id), e.stepIndex == listed.stepIndex, e.round == listed.round,
                e.stepPaged == listed.stepPaged, e.alertDue == listed.alertDue, e.status == listed.status
            else { return true }
            let plan = e.plan
            if e.alertDue {
                try await alertAdmins(e, plan: plan)
            } else if e.status == .open, !e.stepPaged, e.stepIndex < plan.steps.count {
                try await pageStep(e, plan: plan)
            } else if e.status == .open {
                let now = clock.now
                let after = try await store.updateOpenEscalation(id: e.id) { r in
                    guard r.stepIndex == e.stepIndex, r.round == e.round, r.stepPaged == e.stepPaged else { return }
                    EscalationProgress.advance(&r, plan: plan, now: now)
                }
                noteExhaustion(after, e)
            }
            return true
        } catch {
            logger.error("escalation step failed", metadata: ["escalation": "\(listed.id)", "error": "\(error)"])
            return false
        }
    }

    private func pageStep(_ e: EscalationRecord, plan: EscalationPlan) async throws {
        let step = plan.steps[e.stepIndex]
        let gate = PageGate.step(index: e.stepIndex, round: e.round)
        let about = try await subject(e, plan: plan)
        await withTaskGroup(of: Void.self) { group in
            for target in step.targets { group.addTask { await self.page(target, tier: step.tier, escalation: e, gate: gate, about: about) } }
        }
        let now = clock.now
        let after = try await store.finishStep(escalation: e.id, index: e.stepIndex, round: e.round) { r, answers in
            EscalationProgress.stepPaged(&r, plan: plan, answers: answers, now: now)
        }
        if let after, after.stepIndex != e.stepIndex || after.round != e.round || after.status != .open {
            logger.warning("a step reached nobody who can come; the chain moves on at once", metadata: ["escalation": "\(e.id)", "tier": "\(step.tier)"])
        }
        noteExhaustion(after, e)
    }

    /// The chain ran out: the admins' alert is due until it has been tried on every admin's channels.
    private func alertAdmins(_ e: EscalationRecord, plan: EscalationPlan) async throws {
        let about = try await subject(e, plan: plan)
        await withTaskGroup(of: Void.self) { group in
            for admin in plan.admins { group.addTask { await self.page(admin, tier: "admin", escalation: e, gate: .alert, about: about) } }
        }
        try await store.alertSent(escalation: e.id)
    }

    private func noteExhaustion(_ after: EscalationRecord?, _ before: EscalationRecord) {
        guard let after, after.status == .exhausted, before.status == .open else { return }
        metrics?.escalation("exhausted")
        logger.warning("escalation exhausted", metadata: ["escalation": "\(before.id)"])
    }

    /// What every page of the escalation says about whom it is for: read at send time, so a patient
    /// deleted from the register is no longer named; the name only with consent.
    struct Subject: Sendable {
        var patient: String?
        var patientName: String?
        var caller: Caller?
    }

    private func subject(_ e: EscalationRecord, plan: EscalationPlan) async throws -> Subject {
        guard let id = e.patient else { return Subject(caller: plan.caller) }
        let patient = try await store.patient(id: id)
        return Subject(patient: id, patientName: patient?.consent == nil ? nil : patient?.name, caller: plan.caller)
    }

    /// Tries the target's channels in order, each a few times with backoff, until one delivers; every attempt
    /// is stored, and each one only while the escalation is still at `gate` (an acknowledgement stops the
    /// retries too). Whether the step reached anyone is read back from those records (`StepAnswers`).
    private func page(_ target: PageTarget, tier: String, escalation e: EscalationRecord, gate: PageGate, about: Subject) async {
        for channel in target.channels {
            let pageId = PageID.make(escalation: e.id, round: e.round, step: gate.stepIndex(e), member: target.member, channel: channel.kind)
            do {
                // Delivered before a restart: not sent again.
                if try await store.wasDelivered(pageId: pageId) { return }
            } catch {
                logger.error("cannot read the pages", metadata: ["escalation": "\(e.id)", "error": "\(error)"])
                return
            }
            for retry in 0..<attemptsPerChannel {
                if retry > 0 { try? await clock.sleep(for: retryBackoff * Double(1 << (retry - 1))) }
                let record: PageRecord
                do {
                    guard let begun = try await store.beginAttempt(
                        escalation: e.id, gate: gate, owner: owner, pageId: pageId, member: target.member, tier: tier, channel: channel.kind.rawValue,
                        at: clock.now)
                    else { return }
                    record = begun
                } catch {
                    logger.error("cannot record a page", metadata: ["escalation": "\(e.id)", "error": "\(error)"])
                    return
                }
                let now = clock.now
                let message = PageMessage(
                    pageId: pageId, escalationId: e.id, member: target.member, tier: tier, pool: e.pool, note: e.note,
                    urgency: e.urgency, ackURL: links.url("ack", escalation: e.id, member: target.member, now: now),
                    declineURL: links.url("decline", escalation: e.id, member: target.member, now: now), patient: about.patient,
                    patientName: about.patientName, facility: about.caller?.facility, facilityName: about.caller?.facilityName,
                    callback: about.caller?.callback)
                // Ids and channel kinds only in the logs: member ids are often names, addresses are personal.
                let logged: Logger.Metadata = ["escalation": "\(e.id)", "page": "\(pageId)", "tier": "\(tier)", "channel": "\(channel.kind.rawValue)"]
                do {
                    try await notifier.send(message, via: channel)
                    try? await store.finishAttempt(record, result: PageRecord.delivered)
                    metrics?.pageDelivered(channel: channel.kind.rawValue, after: clock.now.timeIntervalSince(e.nextDeadline))
                    logger.info("paged", metadata: logged)
                    return
                } catch {
                    // The reason only: channel errors may echo addresses, which stay out of the logs.
                    try? await store.finishAttempt(record, result: "failed: \(error)")
                    metrics?.sendFailed(channel: channel.kind.rawValue)
                    logger.warning("page failed", metadata: logged)
                }
            }
        }
    }
}

/// The escalations being handled right now.
final class InFlight: Sendable {
    private let ids = Mutex<Set<String>>([])
    /// True when `id` was free and is now claimed.
    func claim(_ id: String) -> Bool { ids.withLock { $0.insert(id).inserted } }
    func release(_ id: String) { _ = ids.withLock { $0.remove(id) } }
    func contains(_ id: String) -> Bool { ids.withLock { $0.contains(id) } }
    var count: Int { ids.withLock { $0.count } }
}
