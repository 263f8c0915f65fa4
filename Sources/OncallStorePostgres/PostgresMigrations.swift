// SPDX-License-Identifier: GPL-3.0-or-later
import Logging
import PostgresNIO

/// The PostgreSQL schema, one frozen migration at a time (never edit one that has shipped; add a later one).
///
/// The first is the SQLite schema as it stood at `v7-claims-and-revisions`, with closed sets checked by the
/// database; later ones follow SQLite's (`v2-web-sessions` is its `v8-web-sessions`, `v3-published-duties` its
/// `v9-published-duties`). Daemons starting together migrate once: the migration runs under a transaction-level
/// advisory lock, and each one is recorded in `oncall_migration` in the same transaction.
enum PostgresMigrations {
    static let all: [(id: String, sql: [String])] = [
        (
            "v1-schema",
            [
                """
                CREATE TABLE published_roster (
                    month text PRIMARY KEY, format text NOT NULL CHECK (format = 'csv'), payload text NOT NULL,
                    published_at timestamptz NOT NULL, published_by text NOT NULL)
                """,
                """
                CREATE TABLE published_roster_version (
                    month text NOT NULL, version bigint NOT NULL, payload text NOT NULL,
                    published_at timestamptz NOT NULL, published_by text NOT NULL, PRIMARY KEY (month, version))
                """,
                "CREATE TABLE roster_revision (id int PRIMARY KEY CHECK (id = 1), value bigint NOT NULL)",
                "INSERT INTO roster_revision (id, value) VALUES (1, 0)",
                """
                CREATE TABLE override (
                    id text PRIMARY KEY, pool text NOT NULL, date text NOT NULL, shift text NOT NULL,
                    tier text NOT NULL CHECK (tier IN ('primary', 'backup')), member text NOT NULL, replaces text,
                    created_at timestamptz NOT NULL, created_by text NOT NULL, revoked_at timestamptz)
                """,
                "CREATE INDEX override_date ON override (date)",
                """
                CREATE TABLE escalation (
                    id text PRIMARY KEY, pool text NOT NULL, facility text, note text NOT NULL, urgency text NOT NULL,
                    idempotency_key text UNIQUE, status text NOT NULL CHECK (status IN ('open', 'acknowledged', 'exhausted')),
                    plan text NOT NULL, step_index bigint NOT NULL, round bigint NOT NULL, step_paged boolean NOT NULL,
                    next_deadline timestamptz NOT NULL, created_at timestamptz NOT NULL, created_by text NOT NULL,
                    closed_at timestamptz, alert_due boolean NOT NULL DEFAULT false, patient text, request_fingerprint text,
                    claim_owner text, claim_until timestamptz)
                """,
                "CREATE INDEX escalation_open ON escalation (status, next_deadline)",
                "CREATE INDEX escalation_alert_due ON escalation (alert_due) WHERE alert_due",
                """
                CREATE TABLE page (
                    id text PRIMARY KEY, page_id text NOT NULL, escalation_id text NOT NULL REFERENCES escalation,
                    member text NOT NULL, tier text NOT NULL, channel text NOT NULL, step_index bigint NOT NULL,
                    round bigint NOT NULL, attempt bigint NOT NULL, sent_at timestamptz NOT NULL, result text NOT NULL)
                """,
                "CREATE INDEX page_escalation ON page (escalation_id)",
                "CREATE INDEX page_page_id ON page (page_id)",
                """
                CREATE TABLE acknowledgement (
                    id bigserial PRIMARY KEY, escalation_id text NOT NULL REFERENCES escalation, member text NOT NULL,
                    kind text NOT NULL CHECK (kind IN ('ack', 'decline')), at timestamptz NOT NULL, via text NOT NULL,
                    step_index bigint, round bigint)
                """,
                "CREATE INDEX acknowledgement_escalation ON acknowledgement (escalation_id)",
                """
                CREATE TABLE audit_log (
                    id bigserial PRIMARY KEY, at timestamptz NOT NULL, actor text NOT NULL, action text NOT NULL,
                    subject text NOT NULL, detail text NOT NULL)
                """,
                """
                CREATE TABLE ical_feed_key (
                    id text PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('member', 'pool')), subject text NOT NULL,
                    key_hash text NOT NULL UNIQUE, created_at timestamptz NOT NULL, created_by text NOT NULL, revoked_at timestamptz)
                """,
                "CREATE INDEX ical_feed_key_subject ON ical_feed_key (kind, subject)",
                "CREATE TABLE daemon_secret (name text PRIMARY KEY, value text NOT NULL)",
                """
                CREATE TABLE patient (
                    id text PRIMARY KEY, name text NOT NULL, facility text NOT NULL, attending text NOT NULL, partner text,
                    hospital text, consent text, updated_at timestamptz NOT NULL)
                """,
                "CREATE INDEX patient_facility ON patient (facility)",
            ]
        ),
        // SQLite's v8-web-sessions: web sessions kept on the server, by the SHA-256 of the cookie's id,
        // with the SHA-256 of the token signed in with.
        (
            "v2-web-sessions",
            [
                """
                CREATE TABLE web_session (
                    id_hash text PRIMARY KEY, token_hash text NOT NULL, created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL)
                """,
                "CREATE INDEX web_session_expires ON web_session (expires_at)",
            ]
        ),
        // SQLite's v9-published-duties: published rosters as duty rows, not CSV text, each duty of its version,
        // the tier and the date's month checked. Existing versions are backfilled from their text by the rule
        // of `StoredRosterText` (OncallStore), here in SQL: line 1 is the header; every other non-empty line
        // must split into at least five fields, none of the first five quoted, the tier primary or backup, the
        // date of the version's month, or the version gets no rows at all (its month then reads as
        // unreadable: publish it again). The `payload` columns stay, so no text is lost; later versions
        // store "" there.
        (
            "v3-published-duties",
            [
                """
                CREATE TABLE published_duty (
                    month text NOT NULL, version bigint NOT NULL, position bigint NOT NULL,
                    date text NOT NULL CHECK (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND left(date, 8) = month || '-'),
                    shift text NOT NULL, pool text NOT NULL, tier text NOT NULL CHECK (tier IN ('primary', 'backup')),
                    member text NOT NULL,
                    PRIMARY KEY (month, version, date, shift, pool, tier, member),
                    FOREIGN KEY (month, version) REFERENCES published_roster_version (month, version) ON DELETE CASCADE)
                """,
                """
                WITH line AS (
                    SELECT v.month, v.version, l.n, rtrim(l.text, E'\\r') AS text
                    FROM published_roster_version v, regexp_split_to_table(v.payload, E'\\n') WITH ORDINALITY AS l(text, n)
                ), duty AS (
                    SELECT month, version, n, text,
                        text ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2},[^",]*,[^",]*,(primary|backup),[^",]*(,|$)' AND left(text, 8) = month || '-' AS splits
                    FROM line WHERE n > 1 AND text <> ''
                )
                INSERT INTO published_duty (month, version, position, date, shift, pool, tier, member)
                SELECT month, version, n - 2, split_part(text, ',', 1), split_part(text, ',', 2), split_part(text, ',', 3),
                    split_part(text, ',', 4), split_part(text, ',', 5)
                FROM duty d
                WHERE NOT EXISTS (SELECT 1 FROM duty bad WHERE bad.month = d.month AND bad.version = d.version AND NOT bad.splits)
                ON CONFLICT DO NOTHING
                """,
            ]
        ),
        // SQLite's `v10-closed-sets`: the urgency, which the API has always held to these three, checked here too
        // (the other closed sets have been checked since v1).
        (
            "v4-urgency-checked",
            ["ALTER TABLE escalation ADD CONSTRAINT escalation_urgency_check CHECK (urgency IN ('high', 'normal', 'low'))"]
        ),
        // SQLite's `v11-claimed-index`: the claims an engine waits out, indexed over claimed rows only.
        ("v5-claimed-index", ["CREATE INDEX escalation_claimed ON escalation (claim_until) WHERE claim_owner IS NOT NULL"]),
    ]

    /// The advisory lock every migrating daemon takes (an arbitrary constant: "oncall" in ASCII).
    static let lockKey: Int64 = 0x6F6E_6361_6C6C

    /// Applies the migrations not yet applied, once, whichever daemons start together.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS oncall_migration (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var applied: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM oncall_migration", logger: logger).decode(String.self) {
                applied.insert(id)
            }
            for migration in all where !applied.contains(migration.id) {
                for statement in migration.sql { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await connection.query("INSERT INTO oncall_migration (id) VALUES (\(migration.id))", logger: logger)
                logger.info("database migrated", metadata: ["migration": "\(migration.id)"])
            }
        }
    }

    /// Whether every migration of this build has been applied (a read-only command refuses an older schema).
    static func isCurrent(_ client: PostgresClient, logger: Logger) async throws -> Bool {
        let exists = try await client.query("SELECT to_regclass('oncall_migration') IS NOT NULL", logger: logger).decode(Bool.self)
        for try await present in exists where !present { return false }
        var applied: Set<String> = []
        for try await id in try await client.query("SELECT id FROM oncall_migration", logger: logger).decode(String.self) { applied.insert(id) }
        return all.allSatisfy { applied.contains($0.id) }
    }
}
