// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB

/// The schema, one frozen migration at a time.
///
/// A migration that has shipped is never edited: a daemon upgraded in place must find its
/// open escalations exactly where it left them. Changes go into a new, later migration.
/// Migrations use raw names, not record types, so they do not move when the types do.
public enum SQLiteMigrations {
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-daemon") { db in
            try db.create(table: "published_roster") { t in
                t.primaryKey("month", .text)
                t.column("format", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("published_at", .datetime).notNull()
                t.column("published_by", .text).notNull()
            }
            try db.create(table: "override") { t in
                t.primaryKey("id", .text)
                t.column("pool", .text).notNull()
                t.column("date", .text).notNull()
                t.column("shift", .text).notNull()
                t.column("tier", .text).notNull()
                t.column("member", .text).notNull()
                t.column("replaces", .text)
                t.column("created_at", .datetime).notNull()
                t.column("created_by", .text).notNull()
                t.column("revoked_at", .datetime)
            }
            try db.create(table: "escalation") { t in
                t.primaryKey("id", .text)
                t.column("pool", .text).notNull()
                t.column("facility", .text)
                t.column("note", .text).notNull()
                t.column("urgency", .text).notNull()
                t.column("idempotency_key", .text).unique()
                t.column("status", .text).notNull()
                t.column("plan", .text).notNull()
                t.column("step_index", .integer).notNull()
                t.column("round", .integer).notNull()
                t.column("step_paged", .boolean).notNull()
                t.column("next_deadline", .datetime).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("created_by", .text).notNull()
                t.column("closed_at", .datetime)
            }
            try db.create(index: "escalation_open", on: "escalation", columns: ["status", "next_deadline"])
            try db.create(table: "page") { t in
                t.primaryKey("id", .text)
                t.column("escalation_id", .text).notNull().references("escalation")
                t.column("member", .text).notNull()
                t.column("tier", .text).notNull()
                t.column("channel", .text).notNull()
                t.column("step_index", .integer).notNull()
                t.column("round", .integer).notNull()
                t.column("attempt", .integer).notNull()
                t.column("sent_at", .datetime).notNull()
                t.column("result", .text).notNull()
            }
            try db.create(index: "page_escalation", on: "page", columns: ["escalation_id"])
            try db.create(table: "acknowledgement") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("escalation_id", .text).notNull().references("escalation")
                t.column("member", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("via", .text).notNull()
            }
            try db.create(table: "audit_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("detail", .text).notNull()
            }
        }
        // Calendar-feed keys (issue 5): only a SHA-256 of each key is stored; see FeedKeyRecord.
        migrator.registerMigration("v2-ical-feed-keys") { db in
            try db.create(table: "ical_feed_key") { t in
                t.primaryKey("id", .text)
                t.column("kind", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("key_hash", .text).notNull().unique()
                t.column("created_at", .datetime).notNull()
                t.column("created_by", .text).notNull()
                t.column("revoked_at", .datetime)
            }
            try db.create(index: "ical_feed_key_subject", on: "ical_feed_key", columns: ["kind", "subject"])
        }
        // Every roster ever published for a month, so re-publishing loses nothing (what was in force, and when).
        migrator.registerMigration("v3-roster-versions") { db in
            try db.create(table: "published_roster_version") { t in
                t.column("month", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("payload", .text).notNull()
                t.column("published_at", .datetime).notNull()
                t.column("published_by", .text).notNull()
                t.primaryKey(["month", "version"])
            }
            try db.execute(sql: """
                INSERT INTO published_roster_version (month, version, payload, published_at, published_by)
                SELECT month, 1, payload, published_at, published_by FROM published_roster
                """)
        }
        // Secrets the daemon makes for itself when the config gives none (the key that signs acknowledge links).
        migrator.registerMigration("v4-daemon-secrets") { db in
            try db.create(table: "daemon_secret") { t in
                t.primaryKey("name", .text)
                t.column("value", .text).notNull()
            }
        }
        // Issue 12: a page's id is fixed per (escalation, round, step, member, channel), so a resend after a
        // restart carries the same id and receivers can drop the duplicate; each attempt keeps its own row.
        // The admins' alert on exhaustion is part of the state (`alert_due`), due until sent. Answers
        // remember the step they answered, so one decline ends only that member's part of the step.
        migrator.registerMigration("v5-page-ids-and-alerts") { db in
            try db.alter(table: "page") { t in t.add(column: "page_id", .text) }
            try db.execute(sql: "UPDATE page SET page_id = id")
            try db.create(index: "page_page_id", on: "page", columns: ["page_id"])
            try db.alter(table: "escalation") { t in t.add(column: "alert_due", .boolean).notNull().defaults(to: false) }
            try db.create(index: "escalation_alert_due", on: "escalation", columns: ["alert_due"])
            try db.alter(table: "acknowledgement") { t in
                t.add(column: "step_index", .integer)
                t.add(column: "round", .integer)
            }
        }
        // Issue 13: the register of patients needing 24-hour response (only what paging needs), and
        // escalations for a patient. Idempotency keys are scoped by the caller inside `idempotency_key`
        // ("caller\nkey"); the fingerprint of the request refuses the same key with another body.
        migrator.registerMigration("v6-patients") { db in
            try db.create(table: "patient") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("facility", .text).notNull()
                t.column("attending", .text).notNull()
                t.column("partner", .text)
                t.column("hospital", .text)
                t.column("consent", .text)
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(index: "patient_facility", on: "patient", columns: ["facility"])
            try db.alter(table: "escalation") { t in
                t.add(column: "patient", .text)
                t.add(column: "request_fingerprint", .text)
            }
        }
        // Issue 14: an engine claims a due escalation for a lease before it pages (the same rule as on
        // PostgreSQL, where several daemons share the work), and the rosters carry a revision so an
        // override is committed only if nothing changed since its rules were checked.
        migrator.registerMigration("v7-claims-and-revisions") { db in
            try db.alter(table: "escalation") { t in
                t.add(column: "claim_owner", .text)
                t.add(column: "claim_until", .datetime)
            }
            try db.execute(sql: "CREATE TABLE roster_revision (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL)")
            try db.execute(sql: "INSERT INTO roster_revision (id, value) VALUES (1, 0)")
        }
        // Web sessions kept on the server. The cookie carries a random id; only its SHA-256 is kept,
        // with the SHA-256 of the token signed in with, so /logout and a token dropped from the config end it.
        migrator.registerMigration("v8-web-sessions") { db in
            try db.create(table: "web_session") { t in
                t.primaryKey("id_hash", .text)
                t.column("token_hash", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("expires_at", .datetime).notNull()
            }
            try db.create(index: "web_session_expires", on: "web_session", columns: ["expires_at"])
        }
        // Published rosters as duty rows, not CSV text: the database checks the closed sets (the tier) and
        // the date's month, each duty belongs to its version, and the daemon no longer parses its own text at
        // every reload. Existing versions are backfilled from their text (`StoredRosterText`: a version with a
        // line that does not split into its five fields gets no rows, and its month reads as unreadable).
        // The `payload` columns stay, so no text stored before is lost: the backfilled versions keep theirs,
        // later ones store "" there.
        migrator.registerMigration("v9-published-duties") { db in
            try db.execute(sql: """
                CREATE TABLE published_duty (
                    month TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND substr(date, 1, 8) = month || '-'),
                    shift TEXT NOT NULL,
                    pool TEXT NOT NULL,
                    tier TEXT NOT NULL CHECK (tier IN ('primary', 'backup')),
                    member TEXT NOT NULL,
                    PRIMARY KEY (month, version, date, shift, pool, tier, member),
                    FOREIGN KEY (month, version) REFERENCES published_roster_version (month, version) ON DELETE CASCADE)
                """)
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO published_duty (month, version, position, date, shift, pool, tier, member)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let versions = try Row.fetchCursor(db, sql: "SELECT month, version, payload FROM published_roster_version")
            while let row = try versions.next() {
                let month: String = row["month"], version: Int64 = row["version"], payload: String = row["payload"]
                // A repeated line is the same duty twice: one row (OR IGNORE).
                for d in StoredRosterText.duties(payload, month: month) ?? [] {
                    try insert.execute(arguments: [month, version, d.position, d.date, d.shift, d.pool, d.tier, d.member])
                }
            }
        }
        // The closed sets the records type as enums, checked by the database as PostgreSQL's schema does. SQLite
        // cannot add a CHECK to a table that exists (only rebuild it, indexes and all), so triggers refuse what a
        // CHECK would: on insert and on update, with the column's name and allowed values in the error.
        migrator.registerMigration("v10-closed-sets") { db in
            let sets: [(table: String, column: String, values: [String])] = [
                ("override", "tier", ["primary", "backup"]),
                ("escalation", "status", ["open", "acknowledged", "exhausted"]),
                ("escalation", "urgency", ["high", "normal", "low"]),
                ("acknowledgement", "kind", ["ack", "decline"]),
                ("ical_feed_key", "kind", ["member", "pool"]),
            ]
            for set in sets {
                let allowed = set.values.map { "'\($0)'" }.joined(separator: ", ")
                for event in ["INSERT", "UPDATE OF \(set.column)"] {
                    let name = "\(set.table)_\(set.column)_\(event.hasPrefix("INSERT") ? "insert" : "update")_check"
                    try db.execute(sql: """
                        CREATE TRIGGER \(name) BEFORE \(event) ON "\(set.table)"
                        WHEN NEW.\(set.column) NOT IN (\(allowed))
                        BEGIN SELECT RAISE(ABORT, '\(set.table).\(set.column) must be one of \(set.values.joined(separator: ", "))'); END
                        """)
                }
            }
        }
        // The claims an engine waits out (`nextDeadline`): only claimed rows, so the index stays as small as the
        // work in flight.
        migrator.registerMigration("v11-claimed-index") { db in
            try db.execute(sql: "CREATE INDEX escalation_claimed ON escalation (claim_until) WHERE claim_owner IS NOT NULL")
        }
        return migrator
    }
}
