// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OncallCalendar
import OncallDaemon
import OncallTestSupport
import RosterModel
import Testing

/// The pages in a real browser: headless Chromium signs in through the login form (POST /login, the
/// HttpOnly SameSite=Strict cookie, the 303) on a daemon serving on 127.0.0.1, and the tests read the
/// text a person would see. Runs where Chromium is installed (`.ci/deps` installs it and a Japanese font).
@Suite("pages in Chromium", .enabled(if: chromium() != nil, "needs chromium on PATH"), .serialized)
struct BrowserPageTests {
    /// The daemon, its rosters published, and a second server on another port of 127.0.0.1 (the same
    /// site for cookies) whose page submits the login form the way a person would.
    func withBrowser(_ test: @Sendable (_ open: @Sendable (_ token: String, _ path: String, _ extra: [String]) async throws -> String) async throws -> Void) async throws {
        let h = try await Harness(network: try loadWebNetwork())
        let daemon = Application(router: h.api.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await daemon.test(.live) { client in
            try await publishWebRosters(client)
            let port = try #require(client.port)
            try await withSignInPage(daemonPort: port) { open in try await test(open) }
        }
    }

    @Test("/ in a Japanese browser: tonight's primary and backup with facility and phone, the next shift, per district")
    func tonightInJapanese() async throws {
        try await withBrowser { open in
            let dom = try await open(Harness.adminToken, "/", ["--accept-lang=ja"])
            let text = visibleText(dom)
            #expect(dom.contains(#"<html lang="ja">"#), "\(dom.prefix(300))")
            #expect(text.contains("現在の当番"))
            #expect(text.contains("北地区 医師 12/5(土) 夜間 18:00–翌09:00 当番 医師三 一診療所 電話 +81-90-0000-0003 メール p3@example.jp 待機 医師四 二診療所"), "\(text)")
            #expect(text.contains("次の当番 12/6(日) 日中 09:00–18:00: 当番 医師一、待機 医師二"))
            #expect(text.contains("南地区 南地区 医師 12/5(土) 夜間 18:00–翌09:00 当番 <script>alert(1)</script>南医師 南診療所"))
            #expect(!dom.contains("<script>alert"), "the name is text, not a script")
            #expect(text.contains("ログイン中: admin ログアウト"))
        }
    }

    @Test("/?lang=en and an English browser get English; a facility sees its own district only")
    func englishAndScope() async throws {
        try await withBrowser { open in
            let english = visibleText(try await open(Harness.facilityToken, "/?lang=en", ["--accept-lang=ja"]))
            #expect(english.contains("On call now"))
            #expect(english.contains("北地区 医師 Sat 12/5 夜間 18:00–09:00 next day primary 医師三 一診療所 phone +81-90-0000-0003"), "\(english)")
            #expect(english.contains("Next Sun 12/6 日中 09:00–18:00: primary 医師一, backup 医師二"))
            #expect(!english.contains("南地区"))
            let browser = visibleText(try await open(Harness.responderToken, "/", ["--accept-lang=en-US,en"]))
            #expect(browser.contains("On call now") && browser.contains("primary 医師三 一診療所 backup 医師四 二診療所"), "\(browser)")
            #expect(!browser.contains("phone"), "responders see names only")
        }
    }

    @Test("/month/2026-12: the grid with the year-end days marked; /month/2027-01 names the holidays")
    func monthGrid() async throws {
        try await withBrowser { open in
            let dom = try await open(Harness.adminToken, "/month/2026-12", ["--accept-lang=ja"])
            let text = visibleText(dom)
            #expect(text.contains("2026年12月 当番表"), "\(text.prefix(400))")
            #expect(text.contains("日付 曜日 日中 当番 日中 待機 夜間 当番 夜間 待機"))
            #expect(text.contains("12/5 土 医師一 医師二 医師三 医師四"))
            #expect(text.contains("12/31 年末年始 木 医師一 医師二 医師三 医師四"))
            #expect(dom.contains(#"<tr class="holiday year-end"><td class="date">12/31"#))
            #expect(dom.contains(#"<a href="/members/p3">医師三</a>"#))
            let january = visibleText(try await open(Harness.adminToken, "/month/2027-01?lang=en", []))
            #expect(january.contains("On-call roster 2027-01"))
            #expect(january.contains("1/1 元日 Fri") && january.contains("1/11 成人の日 Mon"), "\(january.prefix(600))")
        }
    }

    @Test("/members/p3 for the member: this month's and next month's duties")
    func memberPage() async throws {
        try await withBrowser { open in
            let text = visibleText(try await open(Harness.responderToken, "/members/p3", ["--accept-lang=ja"]))
            #expect(text.contains("医師三 一診療所 · 医師"), "\(text.prefix(400))")
            #expect(text.contains("2026年12月 当番 日付 勤務帯 時間 グループ 区分 12/1(火) 夜間 18:00–翌09:00 北地区 医師 当番"))
            #expect(text.contains("2027年1月 当番"))
            #expect(text.contains("1/1(金) 元日 夜間 18:00–翌09:00 北地区 医師 当番"))
            #expect(text.contains("カレンダー配信のアドレスはまだ発行されていません。"))
            let other = visibleText(try await open(Harness.responderToken, "/members/p1", ["--accept-lang=ja"]))
            #expect(other.contains("このページを見る権限がありません。"))
        }
    }

    @Test("the month prints on A4 landscape")
    func printsOnA4Landscape() async throws {
        let dir = try TempDirectory()
        let pdf = dir.file("month.pdf")
        try await withBrowser { open in
            _ = try await open(Harness.adminToken, "/month/2026-12", ["--no-pdf-header-footer", "--print-to-pdf=\(pdf)"])
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(data.starts(with: Array("%PDF".utf8)))
        let boxes = String(decoding: data, as: UTF8.self).matches(of: /\/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]/).map { (Double($0.1)!, Double($0.2)!) }
        #expect(!boxes.isEmpty)
        // A4 is 595 × 842 points; landscape puts the long side across.
        #expect(boxes.allSatisfy { abs($0.0 - 842) < 2 && abs($0.1 - 595) < 2 }, "\(boxes)")
    }
}
