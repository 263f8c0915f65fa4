// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import NIOCore
import OncallCalendar
import OncallStore

/// `/health` for the supervisor and `/metrics` for the scraper: counts only, no token, no personal data.
struct HealthController<Store: OncallStore>: Sendable {
    let store: Store
    let book: RosterBook
    let clock: any WallClock
    let metrics: DaemonMetrics?
    /// Pool members with no channel to page them, per pool (see `UnreachableMembers`).
    let unreachableMembers: [String: Int]

    struct Health: Encodable {
        var status: String
        var openEscalations: Int?
        var overdueEscalations: Int?
        var problem: String?
        /// Pool members with no channel, per pool: a warning, not a failure (the roster may not use them).
        var membersWithoutChannel: [String: Int]?
        /// Published months whose roster no longer parses against the network file (so is not in force).
        var unreadableRosters: [String]?
        enum CodingKeys: String, CodingKey {
            case status, problem
            case openEscalations = "open_escalations"
            case overdueEscalations = "overdue_escalations"
            case membersWithoutChannel = "members_without_channel"
            case unreadableRosters = "unreadable_rosters"
        }
    }

    func addRoutes(to router: Router<DaemonRequestContext>) {
        // The store answers, no escalation waits on an engine that has stopped, and every roster a page may
        // still need is readable: "ok" or "degraded" (200), else "unhealthy" (503) so a supervisor acts.
        router.get("/health") { _, _ in
            var health = Health(status: "ok", membersWithoutChannel: self.unreachableMembers.isEmpty ? nil : self.unreachableMembers)
            let open: Int, overdue: Int
            do {
                // A store that does not answer within 3 s is as good as down for a pager: say so, do not hang.
                let store = self.store, now = self.clock.now
                (open, overdue) = try await withDeadline(seconds: 3, else: DeadlinePassed()) {
                    try await store.openEscalationCounts(now: now, grace: 30)
                }
            } catch {
                return try jsonResponse(Health(status: "unhealthy", problem: "the store cannot be read"), status: .serviceUnavailable)
            }
            health.openEscalations = open
            health.overdueEscalations = overdue
            let unreadable = await self.book.unreadableMonths
            if !unreadable.isEmpty { health.unreadableRosters = unreadable.map(\.description) }
            // A night that began yesterday is still yesterday's duty: from yesterday's month on, a page may need the roster.
            let neededFrom = await self.book.resolver.local(self.clock.now).0.adding(days: -1).yearMonth
            var problems: [String] = []
            if overdue > 0 { problems.append("escalations more than 30 s past their deadline: the engine is not keeping up") }
            if unreadable.contains(where: { $0 >= neededFrom }) {
                problems.append("a roster pages may need no longer parses against the network file, so nobody is paged from it: publish it again")
            }
            if !problems.isEmpty {
                health.status = "unhealthy"
                health.problem = problems.joined(separator: "; ")
                return try jsonResponse(health, status: .serviceUnavailable)
            }
            if !unreadable.isEmpty {
                // Only past months: tonight's pages are not affected, but their history pages and feeds are gone.
                health.status = "degraded"
                health.problem = "rosters of past months no longer parse against the network file"
            }
            return try jsonResponse(health)
        }
        router.get("/metrics") { _, _ in
            // Read at the scrape, so the gauge is what the book holds now.
            self.metrics?.unreadableRosters(await self.book.unreadableMonths.count)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: self.metrics?.render() ?? "")))
        }
    }
}

