// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

@testable import OncallDaemon

/// `at=` and every other instant a request carries (schemathesis found the first).
struct InstantParsingTests {
    @Test("an offset of 15 hours or more reads as the instant it names, never stopping the daemon")
    func largeOffsetsDoNotTrap() throws {
        // Formatting in a TimeZone this far from UTC traps in Foundation: the whole daemon went down.
        for (text, utc) in [
            ("2000-01-01T08:11:18+17:29", "1999-12-31T14:42:18Z"), ("2026-12-01T08:00:00-15:00", "2026-12-01T23:00:00Z"),
            ("2026-12-01T08:00:00+23:59", "2026-11-30T08:01:00Z"), ("2026-12-06T02:00:00+09:00", "2026-12-05T17:00:00Z"),
        ] {
            #expect(try parseInstant(text, field: "at") == ISO8601DateFormatter().date(from: utc), "\(text)")
        }
    }

    @Test("a date or time that does not exist in the given offset is still a 400")
    func impossibleTimesStayRefused() {
        for text in ["2026-02-30T10:00:00+17:00", "2026-12-05T25:00:00-16:00", "2026-12-05T10:00:00"] {
            #expect(throws: APIError.self, "\(text)") { try parseInstant(text, field: "at") }
        }
    }
}
