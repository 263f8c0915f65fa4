// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOHTTP1
import Testing

/// Issue 12: one unauthenticated `POST /login` whose body was not validly percent-encoded stopped the daemon.
struct MalformedFormTests {
    /// Bodies no browser sends, each once as the login form's token.
    static let malformed: [(kind: String, body: [UInt8])] = [
        ("a space", Array("token=a b".utf8)),
        ("%zz", Array("token=%zz".utf8)),
        ("% at the end", Array("token=abc%".utf8)),
        ("half an escape", Array("token=%4".utf8)),
        ("raw UTF-8", Array("token=医師一".utf8)),
        ("<", Array("token=<script>".utf8)),
        ("\"", Array("token=\"x\"".utf8)),
        ("|", Array("token=a|b".utf8)),
        ("#", Array("token=a#b".utf8)),
        ("braces", Array("token={x}".utf8)),
        ("brackets", Array("next=[x]&token=a".utf8)),
        ("a backslash", Array("token=a\\b".utf8)),
        ("caret and backtick", Array("token=a^`b".utf8)),
        ("CR LF", Array("token=a\r\nb".utf8)),
        ("a NUL byte", [UInt8]("token=a".utf8) + [0x00] + [UInt8]("b".utf8)),
        ("raw bytes that are not UTF-8", [UInt8]("token=".utf8) + [0xFF, 0xFE, 0x80]),
        ("an escape that is not UTF-8", Array("token=%FF%FE".utf8)),
        ("a broken name", Array("to%zzken=a".utf8)),
    ]

    static let form = "application/x-www-form-urlencoded"
    static let japaneseToken = "医師一のトークン"

    static func escape(_ text: String) -> String {
        text.utf8.map { String(format: "%%%02X", $0) }.joined()
    }

    @Test("malformed form bodies get 400, and the daemon still runs, answers /health and pages")
    func malformedFormsAreRefused() async throws {
        let daemon = try await PagingDaemon(config: "tokens:\n  - {token: \"\(Self.japaneseToken)\", role: responder, member: p1}\n")
        defer { daemon.stop() }
        try await daemon.publishAroundNow()
        for (kind, body) in Self.malformed {
            let (status, _, text) = try await daemon.request(.POST, "/login", token: nil, body: body, contentType: Self.form)
            #expect(status == 400, "\(kind): \(status) \(text)")
            #expect(daemon.isRunning, "\(kind) stopped the daemon:\n\(daemon.log)")
            guard daemon.isRunning else { return }
        }
        // The revoke form is read by the same parser, behind a session.
        let revoke = try await daemon.request(.POST, "/members/p1/feed-key/revoke", body: Array("id=%zz".utf8), contentType: Self.form)
        #expect(revoke.status == 400)

        // Good forms still sign in: "+" is a space, %2F and %2B decode, and so does escaped UTF-8.
        for (token, next) in [("edge-admin+token%2F%2B1", "%2Fmonth%2F2026-12"), (Self.escape(Self.japaneseToken), "/month/2026-12")] {
            let form = Array("token=\(token)&next=\(next)".utf8)
            let (status, headers, _) = try await daemon.request(.POST, "/login", token: nil, body: form, contentType: Self.form)
            #expect(status == 303, "\(token)")
            #expect(headers["Location"].first == "/month/2026-12", "\(headers)")
            #expect(headers["Set-Cookie"].first?.hasPrefix("oncall_session=") == true)
        }

        #expect(try await daemon.request(.GET, "/health", token: nil).status == 200)
        #expect(try await daemon.escalateAndAwaitPage(note: "after the malformed forms"), "\(daemon.log)")
        #expect(daemon.isRunning)
    }

    @Test("a date in year 0000 and the months at the calendar's ends are answered, not fatal")
    func datesAtTheEndsOfTheCalendar() async throws {
        let daemon = try await PagingDaemon()
        defer { daemon.stop() }
        // CivilDate read "0000-01-01" and its `yearMonth` stopped the process.
        let override = try await daemon.request(
            .POST, "/v1/overrides", json: #"{"pool":"docs","date":"0000-01-01","shift":"day","tier":"primary","member":"p1"}"#)
        #expect(override.status == 400, "\(override.body)")
        let roster = try await daemon.request(
            .PUT, "/v1/rosters/0001-01", body: Array("date,shift,pool,tier,member\n0000-01-01,day,docs,primary,p1\n".utf8), contentType: "text/csv")
        #expect(roster.status == 400, "\(roster.body)")
        // The month page linked to the month before 0001-01 and after 9999-12, which YearMonth cannot name.
        for month in ["0001-01", "9999-12"] {
            let (status, _, body) = try await daemon.request(.GET, "/month/\(month)")
            #expect(status == 404 && body.contains("<html"), "\(month): \(status)")
        }
        #expect(daemon.isRunning, "\(daemon.log)")
        #expect(try await daemon.request(.GET, "/health", token: nil).status == 200)
    }
}
