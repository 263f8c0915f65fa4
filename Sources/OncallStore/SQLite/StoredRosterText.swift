// SPDX-License-Identifier: GPL-3.0-or-later

/// The duties in a roster version kept as CSV text before `v9-published-duties`, for that migration.
///
/// Frozen with the migration, like the migration itself: PostgreSQL's `v3-published-duties` applies the same
/// rule in SQL, and the two must agree. The text is the daemon's own canonical CSV (`RosterCSV.render`:
/// `date,shift,pool,tier,member,…`, LF, a field quoted only when it holds a comma, a quote or a line break),
/// so a plain split works: line 1 is the header; every other non-empty line must have at least five
/// comma-separated fields, none of the first five quoted, a tier of primary or backup and a date of the
/// version's month. A version with any line that does not is left without duty rows rather than with some
/// of them: the daemon then reports its month unreadable (publish it again), instead of paging from a roster
/// with holes. Its text stays in the `payload` column either way, so nothing is lost.
enum StoredRosterText {
    struct Duty: Equatable {
        /// The duty's place among the version's duties: its line, less the header's.
        var position: Int
        var date, shift, pool, tier, member: String
    }

    /// The duties of `payload`, a roster of `month` ("YYYY-MM"), or nil when a line does not split as above.
    static func duties(_ payload: String, month: String) -> [Duty]? {
        var duties: [Duty] = []
        let lines = payload.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, bytes) in lines.enumerated() where index > 0 {
            var line = Substring(decoding: bytes, as: UTF8.self)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty { continue }
            let fields = line.utf8.split(separator: UInt8(ascii: ","), maxSplits: 5, omittingEmptySubsequences: false)
                .prefix(5).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count == 5, !fields.contains(where: { $0.contains("\"") }), fields[3] == "primary" || fields[3] == "backup",
                isDate(fields[0], of: month)
            else { return nil }
            duties.append(Duty(position: index - 1, date: fields[0], shift: fields[1], pool: fields[2], tier: fields[3], member: fields[4]))
        }
        return duties
    }

    /// Whether `text` has the shape YYYY-MM-DD and starts with `month`: what `published_duty` checks.
    static func isDate(_ text: String, of month: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, text.hasPrefix(month + "-") else { return false }
        return bytes.enumerated().allSatisfy { i, b in i == 4 || i == 7 ? b == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) }
    }
}
