// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import PostgresNIO
import RosterModel

/// Rosters and overrides. Every write first moves the rosters' revision on (`UPDATE … RETURNING` locks its
/// one row), so writes to the rosters are serialised across daemons and an override commits only at the
/// revision its rules were checked at.
extension PostgresStore {
    /// The version row and its duty rows in one transaction (the duties as arrays, one statement); a duty given
    /// twice is kept once.
    public func publish(_ roster: PublishedRoster, audit: AuditEntry) async throws -> Int {
        try await transaction(notifying: [.rosters]) { c in
            try await c.query("UPDATE roster_revision SET value = value + 1 WHERE id = 1", logger: self.logger)
            let last = try await self.rows("SELECT MAX(version) FROM published_roster_version WHERE month = \(roster.month)", on: c) {
                try $0.decode(Int64?.self)
            }
            let version = Int64((last.first ?? nil) ?? 0) + 1
            // The text columns are from before duties were rows (v3-published-duties): "" from now on.
            try await c.query(
                """
                INSERT INTO published_roster (month, format, payload, published_at, published_by)
                VALUES (\(roster.month), 'csv', '', \(roster.publishedAt), \(roster.publishedBy))
                ON CONFLICT (month) DO UPDATE SET format = 'csv', payload = '',
                    published_at = EXCLUDED.published_at, published_by = EXCLUDED.published_by
                """, logger: self.logger)
            try await c.query(
                """
                INSERT INTO published_roster_version (month, version, payload, published_at, published_by)
                VALUES (\(roster.month), \(version), '', \(roster.publishedAt), \(roster.publishedBy))
                """, logger: self.logger)
            let duties = roster.duties
            try await c.query(
                """
                INSERT INTO published_duty (month, version, position, date, shift, pool, tier, member)
                SELECT \(roster.month), \(version), d.n - 1, d.date, d.shift, d.pool, d.tier, d.member
                FROM unnest(\(duties.map(\.date)), \(duties.map(\.shift)), \(duties.map(\.pool)), \(duties.map(\.tier.rawValue)),
                    \(duties.map(\.member))) WITH ORDINALITY AS d(date, shift, pool, tier, member, n)
                ON CONFLICT DO NOTHING
                """, logger: self.logger)
            try await self.audit(audit, on: c)
            return Int(version)
        }
    }

    /// Two queries, versions first: a version published in between has duties but no version row here, and is
    /// left out; every version read has its duties, which were committed with it and never change.
    public func rosterVersions(month: String) async throws -> [PublishedRosterVersion] {
        let versions = try await rows(
            "SELECT month, version, published_at, published_by FROM published_roster_version WHERE month = \(month) ORDER BY version",
            PublishedRosterVersion.init(row:))
        let duties = try await rows(
            """
            SELECT \(unescaped: PublishedDuty.columns) FROM published_duty WHERE month = \(month)
            ORDER BY version, position, date, shift, pool, tier, member
            """, PublishedDuty.init(row:))
        let byVersion = Dictionary(grouping: duties, by: \.version)
        return versions.map { v in
            var v = v
            v.duties = byVersion[v.version] ?? []
            return v
        }
    }

    public func publishedRoster(month: String) async throws -> PublishedRoster? {
        try await rostersInForce(month: month).first
    }

    public func publishedRosters() async throws -> [PublishedRoster] {
        try await rostersInForce(month: nil)
    }

    /// The rosters in force (of `month` only, if given), by month: the rosters with the version in force, then the
    /// duties of exactly those versions, which never change once committed, so the two reads need no snapshot.
    func rostersInForce(month: String?) async throws -> [PublishedRoster] {
        let rosters = try await rows(
            """
            SELECT r.month, v.version, r.published_at, r.published_by
            FROM published_roster r
            JOIN LATERAL (SELECT MAX(version) AS version FROM published_roster_version WHERE month = r.month) v ON v.version IS NOT NULL
            WHERE \(month)::text IS NULL OR r.month = \(month)
            ORDER BY r.month
            """, PublishedRoster.init(row:))
        guard !rosters.isEmpty else { return [] }
        let duties = try await rows(
            """
            SELECT \(unescaped: PublishedDuty.columns) FROM published_duty
            WHERE (month, version) IN (SELECT * FROM unnest(\(rosters.map(\.month)), \(rosters.map { Int64($0.version) })))
            ORDER BY month, version, position, date, shift, pool, tier, member
            """, PublishedDuty.init(row:))
        let byMonth = Dictionary(grouping: duties, by: \.month)
        return rosters.map { r in
            var r = r
            r.duties = byMonth[r.month] ?? []
            return r
        }
    }

    public func overridesInForce() async throws -> RosterRevision {
        // One snapshot for both reads: the revision must be the one the overrides were read at.
        let client = self.client
        return try await bounded {
            try await client.withConnection { c in
            try await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: self.logger)
            do {
                let revision = try await self.rows("SELECT value FROM roster_revision WHERE id = 1", on: c) { try $0.decode(Int64.self) }.first ?? 0
                let overrides = try await self.rows(
                    "SELECT \(unescaped: RosterOverride.columns) FROM override WHERE revoked_at IS NULL ORDER BY created_at, id", on: c,
                    RosterOverride.init(row:))
                try await c.query("COMMIT", logger: self.logger)
                return RosterRevision(revision: revision, overrides: overrides)
            } catch {
                _ = try? await c.query("ROLLBACK", logger: self.logger)
                throw error
            }
            }
        }
    }

    public func insertOverride(_ o: RosterOverride, audit: AuditEntry, ifRevision revision: Int64) async throws -> Bool {
        let inserted = try await transaction { c -> Bool in
            // Compare-and-set on the revision row: a concurrent writer holds its lock until it commits, and then
            // this UPDATE sees the new value and changes nothing.
            let moved = try await self.rows(
                "UPDATE roster_revision SET value = value + 1 WHERE id = 1 AND value = \(revision) RETURNING value", on: c) { try $0.decode(Int64.self) }
            guard !moved.isEmpty else { return false }
            try await c.query(
                """
                INSERT INTO override (id, pool, date, shift, tier, member, replaces, created_at, created_by, revoked_at)
                VALUES (\(o.id), \(o.pool), \(o.date), \(o.shift), \(o.tier), \(o.member), \(o.replaces), \(o.createdAt), \(o.createdBy), \(o.revokedAt))
                """, logger: self.logger)
            try await self.audit(audit, on: c)
            try await Self.notify(.rosters, on: c, logger: self.logger)
            return true
        }
        return inserted
    }

    public func revokeOverride(id: String, at: Date, audit: AuditEntry) async throws -> Bool {
        try await transaction { c -> Bool in
            let revoked = try await self.rows(
                "UPDATE override SET revoked_at = \(at) WHERE id = \(id) AND revoked_at IS NULL RETURNING id", on: c) { try $0.decode(String.self) }
            guard !revoked.isEmpty else { return false }
            try await c.query("UPDATE roster_revision SET value = value + 1 WHERE id = 1", logger: self.logger)
            try await self.audit(audit, on: c)
            try await Self.notify(.rosters, on: c, logger: self.logger)
            return true
        }
    }

    public func overrides(from first: String, through last: String) async throws -> [RosterOverride] {
        try await rows(
            "SELECT \(unescaped: RosterOverride.columns) FROM override WHERE date >= \(first) AND date <= \(last) ORDER BY created_at, id",
            RosterOverride.init(row:))
    }
}
