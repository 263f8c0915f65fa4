// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Logging
import OncallStore
import ServiceLifecycle
import Synchronization

/// Pages each open escalation's current step and moves on when its deadline passes.
///
/// All of its state is in the store: each step's deadline is committed before the step is acted
/// on, so after a crash `run()` simply finds the due escalations again. A page row is written as
/// "sending" before the send; one whose result was never recorded is sent again (at-least-once,
/// with the page id in the payload for dedupe). An acknowledged escalation is never due.
public final class EscalationEngine: Service, Sendable {
    let store: OncallStore
    let notifier: any Notifier
    let clock: any WallClock
    let links: AckLinks
    let logger: Logger
    /// How often the loop looks at the store even when nobody woke it (deadlines, restarts).
    let pollInterval: Double
    /// Sends per channel before falling back to the member's next channel.
    let attemptsPerChannel: Int
    let retryBackoff: Double
    let metrics: DaemonMetrics?
    private let inFlight = InFlight()
    private let wakeStream: AsyncStream<Void>
    private let wakeContinuation: AsyncStream<Void>.Continuation

    public init(
        store: OncallStore, notifier: any Notifier, clock: any WallClock = SystemWallClock(), links: AckLinks,
        logger: Logger = Logger(label: "oncall.engine"), pollInterval: Double = 0.05, attemptsPerChannel: Int = 2,
        retryBackoff: Double = 0.2, metrics: DaemonMetrics? = nil
    ) {
        self.metrics = metrics
        self.store = store
        self.notifier = notifier
        self.clock = clock
        self.links = links
        self.logger = logger
        self.pollInterval = pollInterval
        self.attemptsPerChannel = attemptsPerChannel
        self.retryBackoff = retryBackoff
        (wakeStream, wakeContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the loop to look at the store now (a new escalation, a decline).
    public func wake() { wakeContinuation.yield() }

    public func run() async throws {
        let open = try await store.openEscalationCount()
        logger.info("escalation engine started", metadata: ["open": "\(open)"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [clock, pollInterval, wakeContinuation] in
                while !Task.isCancelled {
                    try? await clock.sleep(for: pollInterval)
                    wakeContinuation.yield()
                }
            }
            // Look at the store at once: after a restart, what fell due while the daemon was down
            // is paged now, not one poll interval later.
            wake()
            // Each due escalation is handled in a task of its own, so one slow channel cannot hold
            // back another escalation's deadline; `inFlight` keeps two tasks off the same escalation.
            for await _ in wakeStream.cancelOnGracefulShutdown() {
                let due: [EscalationRecord]
                do {
                    due = try await store.dueEscalations(at: clock.now)
                } catch {
                    logger.error("escalation engine could not read the store", metadata: ["error": "\(error)"])
                    continue
                }
                for e in due where inFlight.claim(e.id) {
                    group.addTask {
                        await self.handle(e)
                        self.inFlight.release(e.id)
                        // The step may be due again at once (a step sent, the next one due now).
                        self.wake()
                    }
                }
            }
            group.cancelAll()
        }
        logger.info("escalation engine stopped")
    }

    /// Handles every escalation that is due now, until none is or a pass changes nothing
    /// (a store that keeps failing must not turn this into a busy loop).
    public func tick() async {
        do {
            for _ in 0..<100 {
                let due = try await store.dueEscalations(at: clock.now)
                if due.isEmpty { return }
                await withTaskGroup(of: Void.self) { group in
                    for e in due { group.addTask { await self.handle(e) } }
                }
                let after = try await store.dueEscalations(at: clock.now)
                if after == due { return }
            }
        } catch {
            logger.error("escalation engine could not read the store", metadata: ["error": "\(error)"])
        }
    }

    private func handle(_ listed: EscalationRecord) async {
        do {
            // Read again: the list may predate another task's commit for this escalation.
            // (Compared by position, not deadline: stored dates are rounded to the millisecond.)
            guard let e = try await store.escalation(id: listed.id), e.status == .open, e.stepIndex == listed.stepIndex,
                e.round == listed.round, e.stepPaged == listed.stepPaged
            else { return }
            let plan = try EscalationPlan.decode(e.plan)
            if !e.stepPaged, e.stepIndex < plan.steps.count {
                let step = plan.steps[e.stepIndex]
                await withTaskGroup(of: Void.self) { group in
                    for target in step.targets { group.addTask { await self.page(target, tier: step.tier, escalation: e) } }
                }
                let timeout = plan.ackTimeoutSeconds
                let now = clock.now
                _ = try await store.updateOpenEscalation(id: e.id) { r in
                    guard r.stepIndex == e.stepIndex, r.round == e.round, !r.stepPaged else { return }
                    r.stepPaged = true
                    r.nextDeadline = now.addingTimeInterval(timeout)
                }
            } else {
                let now = clock.now
                let after = try await store.updateOpenEscalation(id: e.id) { r in
                    guard r.stepIndex == e.stepIndex, r.round == e.round, r.stepPaged == e.stepPaged else { return }
                    EscalationProgress.advance(&r, plan: plan, now: now)
                }
                if after?.status == .exhausted {
                    metrics?.escalation("exhausted")
                    logger.warning("escalation exhausted", metadata: ["escalation": "\(e.id)"])
                    for admin in plan.admins { await page(admin, tier: "admin", escalation: e) }
                }
            }
        } catch {
            logger.error("escalation step failed", metadata: ["escalation": "\(listed.id)", "error": "\(error)"])
        }
    }

    /// Tries the target's channels in order, each a few times with backoff; every attempt is stored.
    private func page(_ target: PageTarget, tier: String, escalation e: EscalationRecord) async {
        var attempt = 0
        for channel in target.channels {
            for retry in 0..<attemptsPerChannel {
                if retry > 0 { try? await clock.sleep(for: retryBackoff * Double(1 << (retry - 1))) }
                attempt += 1
                var record = PageRecord(
                    escalationId: e.id, member: target.member, tier: tier, channel: channel.kind.rawValue, stepIndex: e.stepIndex,
                    round: e.round, attempt: attempt, sentAt: clock.now, result: "sending")
                do {
                    try await store.save(record)
                } catch {
                    logger.error("cannot record a page", metadata: ["escalation": "\(e.id)", "error": "\(error)"])
                    return
                }
                let now = clock.now
                let message = PageMessage(
                    pageId: record.id, escalationId: e.id, member: target.member, tier: tier, pool: e.pool, note: e.note,
                    urgency: e.urgency, ackURL: links.url("ack", escalation: e.id, member: target.member, now: now),
                    declineURL: links.url("decline", escalation: e.id, member: target.member, now: now))
                do {
                    try await notifier.send(message, via: channel)
                    record.result = "delivered"
                    try? await store.save(record)
                    metrics?.pageDelivered(channel: channel.kind.rawValue, after: clock.now.timeIntervalSince(e.nextDeadline))
                    logger.info("paged", metadata: ["escalation": "\(e.id)", "member": "\(target.member)", "channel": "\(channel.kind.rawValue)"])
                    return
                } catch {
                    // The reason only: channel errors may echo addresses, which stay out of the logs.
                    record.result = "failed: \(error)"
                    try? await store.save(record)
                    metrics?.sendFailed(channel: channel.kind.rawValue)
                    logger.warning("page failed", metadata: ["escalation": "\(e.id)", "member": "\(target.member)", "channel": "\(channel.kind.rawValue)"])
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
}
