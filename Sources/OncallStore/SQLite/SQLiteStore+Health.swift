// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB

extension SQLiteStore {
    /// Open escalations, and how many of them are past their deadline by more than `grace` (an engine that has stopped).
    public func openEscalationCounts(now: Date, grace: TimeInterval) async throws -> (open: Int, overdue: Int) {
        try await writer.read { db in
            let open = EscalationRecord.filter(Column("status") == EscalationStatus.open.rawValue)
            return (try open.fetchCount(db), try open.filter(Column("next_deadline") < now.addingTimeInterval(-grace)).fetchCount(db))
        }
    }
}
