// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB

extension OncallStore {
    /// The secret called `name`, made at random (256 bits, hex) the first time and kept in the file,
    /// so links it signs still work after a restart and no two daemons share one by accident.
    public func secret(named name: String) async throws -> String {
        try await writer.write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT value FROM daemon_secret WHERE name = ?", arguments: [name]) {
                return existing
            }
            var generator = SystemRandomNumberGenerator()
            let value = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
            try db.execute(sql: "INSERT INTO daemon_secret (name, value) VALUES (?, ?)", arguments: [name, value])
            return value
        }
    }
}
