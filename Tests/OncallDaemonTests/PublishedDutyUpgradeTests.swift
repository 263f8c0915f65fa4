// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import Logging
import OncallCalendar
import OncallDaemon
import OncallStore
@testable import OncallStorePostgres
import PostgresNIO
import RosterModel
import Testing

/// A database from before duties were rows keeps its rosters: each version's CSV text becomes its duty rows.
struct PublishedDutyUpgradeTests {
    let december = YearMonth("2026-12")!, january = YearMonth("2027-01")!

    /// What the daemon stored for a month: the canonical CSV of the roster (ten columns, names quoted when needed).
    func canonical(_ csv: String, _ month: YearMonth, _ network: Network) throws -> (text: String, roster: Roster) {
        let roster = try RosterCSV.parse(csv, file: "test", network: network, month: month).roster.sorted(in: network)
        return (try RosterCSV.render(roster, network: network), roster)
    }

    /// Two versions of December (the second moves one night to p5), and a January whose text has a line that does
    /// not split into its five fields (a quoted member): January gets no rows and reads as unreadable, not as a
    /// roster with a hole.
    func oldRosters(_ network: Network) throws -> [(month: String, version: Int, text: String, roster: Roster)] {
        let one = try canonical(validRosterCSV(december), december, network)
        let two = try canonical(validRosterCSV(december).replacingOccurrences(of: "2026-12-05,night,docs,backup,p4", with: "2026-12-05,night,docs,backup,p5"), december, network)
        var bad = try canonical(validRosterCSV(january), january, network).text
        bad += "2027-01-02,day,docs,backup,\"p,2\",x,c2,,09:00,18:00\n"
        return [
            ("2026-12", 1, one.text, one.roster), ("2026-12", 2, two.text, two.roster),
            ("2027-01", 1, bad, Roster(month: january, assignments: [])),
        ]
    }

    @Test("SQLite at v8: every version's text becomes its duty rows in order; the same CSV comes back; a text that does not split leaves its month unreadable")
    func sqliteBackfillsDutyRows() async throws {
        let network = try loadDaemonNetwork()
        let old = try oldRosters(network)
        #expect(!old[0].text.contains("\"") && old[0].text.contains("医師一"), "the canonical form, with names")
        let dir = try TempDirectory()
        let path = dir.file("v8.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteMigrations.migrator.migrate(queue, upTo: "v8-web-sessions")
            try await queue.write { db in
                for r in old {
                    try db.execute(
                        sql: "INSERT INTO published_roster_version (month, version, payload, published_at, published_by) VALUES (?, ?, ?, ?, 'admin')",
                        arguments: [r.month, r.version, r.text, Date(timeIntervalSince1970: Double(r.version))])
                    try db.execute(
                        sql: """
                            INSERT INTO published_roster (month, format, payload, published_at, published_by) VALUES (?, 'csv', ?, ?, 'admin')
                            ON CONFLICT (month) DO UPDATE SET payload = excluded.payload, published_at = excluded.published_at
                            """, arguments: [r.month, r.text, Date(timeIntervalSince1970: Double(r.version))])
                }
            }
            #expect(try await queue.read { db in try db.tableExists("published_duty") } == false)
        }
        let store = try SQLiteStore(path: path)
        try await expectBackfilled(store, old, network)
        // The text stays where it was: nothing is lost, January's unsplittable line included.
        let kept = try await store.writer.read { db in try String.fetchAll(db, sql: "SELECT payload FROM published_roster_version ORDER BY month, version") }
        #expect(kept == old.map(\.text))
    }

    @Test("PostgreSQL at v2: the same backfill, in SQL")
    func postgresBackfillsDutyRows() async throws {
        guard TestPostgres.address != nil else { return }
        let network = try loadDaemonNetwork()
        let old = try oldRosters(network)
        let address = try await TestPostgres.freshDatabase()
        let logger = Logger(label: "test.postgres")
        let connection = try await TestPostgres.connect(address, id: 3)
        do {
            // The schema as `PostgresMigrations.migrate` leaves it at v2, recorded as applied.
            try await connection.query(
                "CREATE TABLE oncall_migration (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", logger: logger)
            for migration in PostgresMigrations.all.prefix(while: { $0.id != "v3-published-duties" }) {
                for statement in migration.sql { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await connection.query("INSERT INTO oncall_migration (id) VALUES (\(migration.id))", logger: logger)
            }
            for r in old {
                let at = Date(timeIntervalSince1970: Double(r.version))
                try await connection.query(
                    """
                    INSERT INTO published_roster_version (month, version, payload, published_at, published_by)
                    VALUES (\(r.month), \(Int64(r.version)), \(r.text), \(at), 'admin')
                    """, logger: logger)
                try await connection.query(
                    """
                    INSERT INTO published_roster (month, format, payload, published_at, published_by) VALUES (\(r.month), 'csv', \(r.text), \(at), 'admin')
                    ON CONFLICT (month) DO UPDATE SET payload = EXCLUDED.payload, published_at = EXCLUDED.published_at
                    """, logger: logger)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        let store = try await PostgresStore.connect(try PostgresAddress(address), logger: logger)
        defer { store.close() }
        try await expectBackfilled(store, old, network)
    }

    func expectBackfilled(
        _ store: any OncallStore, _ old: [(month: String, version: Int, text: String, roster: Roster)], _ network: Network
    ) async throws {
        let versions = try await store.rosterVersions(month: "2026-12")
        #expect(versions.map(\.version) == [1, 2])
        for (version, was) in zip(versions, old) {
            #expect(version.duties.count == 31 * 4)
            #expect(try version.roster == was.roster, "the duties of version \(version.version), in their order")
            #expect(try version.csv(in: network) == was.text, "GET /v1/rosters/…/versions/\(version.version) answers the same bytes")
        }
        #expect(try await store.rosterVersions(month: "2027-01").map(\.duties.count) == [0])
        #expect(try await store.publishedRoster(month: "2026-12")?.version == 2)

        let book = RosterBook(network: network, store: store)
        try await book.reload()
        #expect(await book.unreadableMonths == [january])
        #expect(await book.roster(december) == old[1].roster)
    }
}
