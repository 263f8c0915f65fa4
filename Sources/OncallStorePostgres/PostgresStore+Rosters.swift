// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import PostgresNIO

/// Rosters and overrides. Every write first moves the rosters' revision on (`UPDATE … RETURNING` locks its
/// one row), so writes to the rosters are serialised across daemons and an override commits only at the
/// revision its rules were checked at.
extension PostgresStore {
    public func publish(_ roster: PublishedRoster, audit: AuditEntry) async throws -> Int {
        try await transaction(notifying: [.rosters]) { c in
            try await c.query("UPDATE roster_revision SET value = value + 1 WHERE id = 1", logger: self.logger)
            let last = try await self.rows("SELECT MAX(version) FROM published_roster_version WHERE month = \(roster.month)", on: c) {
                try $0.decode(Int64?.self)
            }
            let version = Int((last.first ?? nil) ?? 0) + 1
            try await c.query(
                """
                INSERT INTO published_roster (month, format, payload, published_at, published_by)
                VALUES (\(roster.month), \(roster.format), \(roster.payload), \(roster.publishedAt), \(roster.publishedBy))
                ON CONFLICT (month) DO UPDATE SET format = EXCLUDED.format, payload = EXCLUDED.payload,
                    published_at = EXCLUDED.published_at, published_by = EXCLUDED.published_by
                """, logger: self.logger)
            try await c.query(
                """
                INSERT INTO published_roster_version (month, version, payload, published_at, published_by)
                VALUES (\(roster.month), \(Int64(version)), \(roster.payload), \(roster.publishedAt), \(roster.publishedBy))
                """, logger: self.logger)
            try await self.audit(audit, on: c)
            return version
        }
    }

    public func rosterVersions(month: String) async throws -> [PublishedRosterVersion] {
        try await rows(
            "SELECT month, version, payload, published_at, published_by FROM published_roster_version WHERE month = \(month) ORDER BY version",
            PublishedRosterVersion.init(row:))
    }

    public func publishedRoster(month: String) async throws -> PublishedRoster? {
        try await rows(
            "SELECT month, format, payload, published_at, published_by FROM published_roster WHERE month = \(month)", PublishedRoster.init(row:)
        ).first
    }

    public func publishedRosters() async throws -> [PublishedRoster] {
        try await rows("SELECT month, format, payload, published_at, published_by FROM published_roster ORDER BY month", PublishedRoster.init(row:))
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
