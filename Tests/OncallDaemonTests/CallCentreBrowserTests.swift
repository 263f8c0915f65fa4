// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OncallCalendar
import OncallDaemon
import OncallStore
import OncallTestSupport
import RosterModel
import Testing

/// The call centre's desk in a real browser: headless Chromium signs in with a call-centre token, finds a
/// patient, reads the planned chain, presses "page now" and lands on the call's status page.
@Suite("call centre in Chromium", .enabled(if: chromium() != nil, "needs chromium on PATH"), .serialized)
struct CallCentreBrowserTests {
    /// The daemon on 127.0.0.1 with the chain network, its roster and register; `open` signs in through the
    /// login form (from a page of a second server on 127.0.0.1, the same site for cookies) and returns the DOM of `path`.
    func withDesk(
        _ test: @Sendable (_ h: Harness, _ client: any TestClientProtocol, _ open: @Sendable (_ token: String, _ path: String) async throws -> String) async throws -> Void
    ) async throws {
        let h = try await Harness.chain()
        let daemon = Application(router: h.api.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await daemon.test(.live) { client in
            #expect(try await call(client, .put, "/v1/rosters/2026-12", body: chainRosterCSV(YearMonth("2026-12")!), contentType: "text/csv").status == .ok)
            #expect(try await call(client, .put, "/v1/patients", body: chainPatientsCSV, contentType: "text/csv").status == .ok)
            let port = try #require(client.port)
            try await withSignInPage(daemonPort: port) { open in
                try await test(h, client) { token, path in try await open(token, path, ["--accept-lang=ja"]) }
            }
        }
    }

    @Test("search a patient, read the chain in order with names and facilities, page them, follow the call")
    func searchChainEscalateFollow() async throws {
        try await withDesk { h, client, open in
            // Search by name: the consenting patient is found by name.
            let search = visibleText(try await open(Harness.callCentreToken, "/call-centre?q=山田"))
            #expect(search.contains("コールセンター") && search.contains("pt1 山田 花子 一診療所"), "\(search)")

            let chain = visibleText(try await open(Harness.callCentreToken, "/call-centre/patients/pt1"))
            #expect(chain.contains("いま呼び出す順番"), "\(chain)")
            #expect(chain.contains("1 主治医 医師二 二診療所 2 副主治医 医師一 一診療所 3 当番 医師三 一診療所 4 待機 医師四 二診療所 5 後方支援病院 病院医師二 北病院"), "\(chain)")
            #expect(chain.contains("呼び出す"), "the button")

            // "Page now" posts the page's form (as the browser would, with the session cookie and this site's Origin).
            let cookie = "oncall_session=\(try await self.sessionCookie(client))"
            let pressed = try await exchange(
                client, .post, "/call-centre/patients/pt1/escalate", headers: [.cookie: cookie, .origin: "http://localhost"],
                body: "note=%E5%91%BC%E5%90%B8%E3%81%8C%E8%8B%A6%E3%81%97%E3%81%84&urgency=high", contentType: "application/x-www-form-urlencoded")
            #expect(pressed.status == .seeOther, "\(pressed.body)")
            let forged = try await exchange(
                client, .post, "/call-centre/patients/pt1/escalate", headers: [.cookie: cookie, .origin: "http://evil.example"],
                body: "note=x", contentType: "application/x-www-form-urlencoded")
            #expect(forged.status == .forbidden, "a form from another site is refused")
            let escalation = try #require(try await h.store.openEscalations().first)
            #expect(try await h.store.openEscalations().count == 1)
            #expect(escalation.patient == "pt1" && escalation.note == "呼吸が苦しい" && escalation.createdBy.hasPrefix("call_centre"))
            #expect(pressed.headers[.location] == "/call-centre/escalations/\(escalation.id)")

            let statusDOM = try await open(Harness.callCentreToken, "/call-centre/escalations/\(escalation.id)")
            #expect(statusDOM.contains(#"<meta http-equiv="refresh" content="10">"#), "the status page refreshes itself while the call is open")
            #expect(visibleText(statusDOM).contains("呼び出し状況 状態: 呼び出し中 · 患者: 山田 花子"), "\(visibleText(statusDOM))")
            await h.engine.tick()
            let followed = visibleText(try await open(Harness.callCentreToken, "/call-centre/escalations/\(escalation.id)"))
            #expect(followed.contains("送信した呼び出し") && followed.contains("主治医 医師二 webhook delivered"), "\(followed)")
            // Another district's patient is not the call centre's to see.
            let south = visibleText(try await open(Harness.callCentreToken, "/call-centre/patients/pt4"))
            #expect(south.contains("このページを見る権限がありません。"), "\(south)")
        }
    }

    /// The session cookie the login form sets for the call-centre token.
    func sessionCookie(_ client: any TestClientProtocol) async throws -> String {
        let r = try await exchange(client, .post, "/login", body: "token=\(Harness.callCentreToken)&next=/", contentType: "application/x-www-form-urlencoded")
        let header = try #require(r.headers[.setCookie])
        return String(try #require(header.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last))
    }
}
