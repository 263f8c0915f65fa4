// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB

extension SQLiteStore {
    /// The secret called `name`, made at random (256 bits, hex) the first time and kept in the file,
    /// so links it signs still work after a restart and no two daemons share one by accident.
    public func secret(named name: String) async throws -> String {
        try await writer.write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT value FROM daemon_secret WHERE name = ?", arguments: [name]) {
                return existing
            }
            let value = StoreSecret.random()
            try db.execute(sql: "INSERT INTO daemon_secret (name, value) VALUES (?, ?)", arguments: [name, value])
            return value
        }
    }
}
