// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallTestSupport
import RosterModel
import Testing

/// `oncall roster ics`, `roster export`, `roster print` and `members import`, run in-process.
@Suite("oncall publishing")
struct PublishCommandTests {
    // MARK: - roster ics

    @Test("roster ics --pool: one event per duty, checked by Python's icalendar parser")
    func icsPool() async throws {
        let scratch = try Scratch()
        // A pool name with every character TEXT values escape, read back by the parser.
        let named = tinyNetworkYAML.replacingOccurrences(of: "{id: nights, role:", with: #"{id: nights, name: "夜間, 全域; 医師\\当番", role:"#)
        #expect(named != tinyNetworkYAML)
        let network = try scratch.write("tiny.yaml", named)
        let roster = try scratch.write("roster.csv", validTinyCSV)
        let result = await oncall(["roster", "ics", network, roster, "--month", "2026-06", "--pool", "nights", "--out", scratch.path("nights.ics")])
        #expect(result.code == 0, "\(result.err)")
        let raw = try Data(contentsOf: URL(fileURLWithPath: scratch.path("nights.ics")))
        let text = try #require(String(data: raw, encoding: .utf8))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends with CRLF")
        #expect(text.contains("TZNAME:JST\r\n"))

        guard let events = parseICS(scratch.path("nights.ics")) else { return }
        #expect(events.count == 3)
        #expect(Set(events.map(\.uid)).count == 3)
        #expect(events.allSatisfy { $0.uid.hasSuffix("@oncall") })
        // Night shifts end at 09:00 the next day, in Tokyo time.
        #expect(events.map(\.start) == ["2026-06-10T18:00:00+09:00", "2026-06-11T18:00:00+09:00", "2026-06-12T18:00:00+09:00"])
        #expect(events.map(\.end) == ["2026-06-11T09:00:00+09:00", "2026-06-12T09:00:00+09:00", "2026-06-13T09:00:00+09:00"])
        #expect(events.allSatisfy { $0.tzid == "Asia/Tokyo" })
        #expect(events.map(\.summary) == ["b", "e", "d"].map { #"当番: 夜間 (夜間, 全域; 医師\当番) — "# + $0 })
        // Long Japanese descriptions are folded; the parser unfolds them whole.
        #expect(events[0].description == "担当: b (二診療所)\nグループ: 夜間, 全域; 医師\\当番\n区分: 当番\n時間: 18:00–09:00")
        #expect(text.contains("\r\n "), "some line is folded")
        #expect(events.allSatisfy { $0.sequence == 0 })

        // Regenerating gives the same UIDs: calendar clients update instead of duplicating.
        let again = await oncall(["roster", "ics", network, roster, "--month", "2026-06", "--pool", "nights", "--out", scratch.path("again.ics")])
        #expect(again.code == 0)
        #expect(parseICS(scratch.path("again.ics"))?.map(\.uid) == events.map(\.uid))
    }

    @Test("roster ics --member: the member's duties, primary and backup, English titles with --lang en")
    func icsMember() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let roster = try scratch.write("roster.csv", validTinyCSV)
        let result = await oncall(["roster", "ics", network, roster, "--month", "2026-06", "--member", "c", "--lang", "en", "--out", scratch.path("c.ics")])
        #expect(result.code == 0, "\(result.err)")
        guard let events = parseICS(scratch.path("c.ics")) else { return }
        #expect(events.map(\.summary) == ["Backup: 日中 (docs)", "Backup: 日中 (docs)"])
        #expect(events.map(\.start) == ["2026-06-10T09:00:00+09:00", "2026-06-11T09:00:00+09:00"])
        #expect(events.map(\.end) == ["2026-06-10T18:00:00+09:00", "2026-06-11T18:00:00+09:00"])
    }

    @Test("roster ics for a network outside Japan: its VTIMEZONE with daylight saving time, English titles")
    func icsOtherZone() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("ny.yaml", tinyNetworkYAML.replacingOccurrences(of: "timezone: Asia/Tokyo", with: "timezone: America/New_York"))
        let roster = try scratch.write("roster.csv", validTinyCSV)
        let result = await oncall(["roster", "ics", network, roster, "--month", "2026-06", "--member", "b", "--out", scratch.path("b.ics")])
        #expect(result.code == 0, "\(result.err)")
        let text = try scratch.read("b.ics")
        #expect(text.contains("BEGIN:DAYLIGHT\r\n"))
        guard let events = parseICS(scratch.path("b.ics")) else { return }
        // June in New York is daylight saving time: UTC−4.
        #expect(events.map(\.start) == ["2026-06-10T18:00:00-04:00", "2026-06-11T09:00:00-04:00"])
        #expect(events.map(\.end) == ["2026-06-11T09:00:00-04:00", "2026-06-11T18:00:00-04:00"])
        #expect(events.map(\.summary) == ["Primary: 夜間 (nights)", "Primary: 日中 (docs)"])
        #expect(events.allSatisfy { $0.tzid == "America/New_York" })
    }

    @Test("roster ics without --member or --pool, or with an unknown one, exits 2")
    func icsBadInput() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let roster = try scratch.write("roster.csv", validTinyCSV)
        #expect(await oncall(["roster", "ics", network, roster, "--month", "2026-06", "--out", scratch.path("x.ics")]).code == 2)
        #expect(await oncall(["roster", "ics", network, roster, "--month", "2026-06", "--member", "a", "--pool", "docs", "--out", scratch.path("x.ics")]).code == 2)
        let unknown = await oncall(["roster", "ics", network, roster, "--month", "2026-06", "--member", "zz", "--out", scratch.path("x.ics")])
        #expect(unknown.code == 2)
        #expect(unknown.err.contains("no member \"zz\""))
        #expect(!scratch.exists("x.ics"))
        let unwritable = await oncall(["roster", "ics", network, roster, "--month", "2026-06", "--member", "a", "--out", scratch.path("no-such-dir/x.ics")])
        #expect(unwritable.code == 2)
        #expect(unwritable.err.contains("cannot be written"))
    }

    // MARK: - roster export

    @Test("roster export --format xlsx-csv: BOM, CRLF, a row per date, a column per pool, shift and tier")
    func export() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        // Two primaries on one date show joined by ・, in member order.
        let roster = try scratch.write("roster.csv", validTinyCSV + "2026-06-12,night,nights,primary,c\n")
        let result = await oncall(["roster", "export", network, roster, "--month", "2026-06", "--format", "xlsx-csv", "--out", scratch.path("x.csv")])
        #expect(result.code == 0, "\(result.err)")
        let data = try Data(contentsOf: URL(fileURLWithPath: scratch.path("x.csv")))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = try #require(String(data: data.dropFirst(3), encoding: .utf8))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 1 + 30 + 1 && lines.last == "")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines[0] == "日付,曜日,区分,祝日,docs 日中 当番,docs 日中 待機,nights 夜間 当番")
        #expect(lines[1] == "2026-06-01,月,平日,,,,")
        #expect(lines[10] == "2026-06-10,水,祝日,休日,a,c,b")
        #expect(lines[12] == "2026-06-12,金,祝日,休日,a,e,c・d")
    }

    @Test("roster export: a name that Excel would run as a formula is written as text, with a leading '")
    func exportNeutralisesFormulas() async throws {
        let scratch = try Scratch()
        // Names as a member sheet anyone typed into could bring them.
        let named = tinyNetworkYAML
            .replacingOccurrences(of: "{id: a, facility: c1,", with: #"{id: a, name: "=HYPERLINK(\"http://x\",\"y\")", facility: c1,"#)
            .replacingOccurrences(of: "{id: c, facility: c3,", with: #"{id: c, name: "@SUM(1)", facility: c3,"#)
            .replacingOccurrences(of: "{id: b, facility: c2,", with: #"{id: b, name: "-1+2", facility: c2,"#)
            .replacingOccurrences(of: "{id: e, facility: c2,", with: #"{id: e, name: "+81 大野", facility: c2,"#)
            .replacingOccurrences(of: "{id: d, facility: c1,", with: #"{id: d, name: "\tタブ", facility: c1,"#)
        #expect(named.components(separatedBy: "name: ").count == tinyNetworkYAML.components(separatedBy: "name: ").count + 5, "every member named")
        let network = try scratch.write("tiny.yaml", named)
        let roster = try scratch.write("roster.csv", validTinyCSV)
        let result = await oncall(["roster", "export", network, roster, "--month", "2026-06", "--format", "xlsx-csv", "--out", scratch.path("x.csv")])
        #expect(result.code == 0, "\(result.err)")
        let data = try Data(contentsOf: URL(fileURLWithPath: scratch.path("x.csv")))
        let lines = try #require(String(data: data.dropFirst(3), encoding: .utf8)).components(separatedBy: "\r\n")
        // Dates are ours and start with a digit: untouched. The quotes are CSV's, around a cell holding `"` or `,`.
        #expect(lines[10] == #"2026-06-10,水,祝日,休日,"'=HYPERLINK(""http://x"",""y"")",'@SUM(1),'-1+2"#, "\(lines[10])")
        #expect(lines[11] == "2026-06-11,木,祝日,休日,'-1+2,'@SUM(1),'+81 大野")
        #expect(lines[12].hasPrefix("2026-06-12,金,祝日,休日,"))
        #expect(lines[12].hasSuffix(",'\tタブ"), "\(lines[12])")
    }

    @Test("roster export --lang en: English headings and day types")
    func exportEnglish() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let roster = try scratch.write("roster.csv", validTinyCSV)
        let result = await oncall(["roster", "export", network, roster, "--month", "2026-06", "--lang", "en", "--out", scratch.path("x.csv")])
        #expect(result.code == 0, "\(result.err)")
        // The BOM (checked in the test above) may or may not be kept by Foundation's reading.
        let lines = try scratch.read("x.csv").replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n")
        #expect(lines[0] == "date,weekday,day type,holiday,docs 日中 primary,docs 日中 backup,nights 夜間 primary")
        #expect(lines[6] == "2026-06-06,Sat,saturday,,,,")
        #expect(lines[11] == "2026-06-11,Thu,holiday,休日,b,c,e")
    }

    // MARK: - roster print

    @Test("roster print writes a self-contained A4 landscape page in Japanese and in English")
    func printHTML() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML.replacingOccurrences(of: "extra_holidays: [2026-06-10, 2026-06-11, 2026-06-12]", with: "extra_holidays: [2026-12-10, 2026-12-11, 2026-12-12]"))
        let roster = try scratch.write("roster.csv", "date,shift,pool,tier,member\n2026-12-31,night,nights,primary,b\n2026-12-10,day,docs,primary,a\n")
        let ja = await oncall(["roster", "print", network, roster, "--month", "2026-12", "--out", scratch.path("ja.html")])
        #expect(ja.code == 0, "\(ja.err)")
        let page = try scratch.read("ja.html")
        #expect(page.contains("<html lang=\"ja\">"))
        #expect(page.contains("@page { size: A4 landscape"))
        #expect(page.contains("2026年12月 当番表"))
        #expect(page.contains("<th>日中 当番</th><th>日中 待機</th>"))
        #expect(page.contains("<tr class=\"holiday year-end\"><td class=\"date\">12/31 <span class=\"holiday-name\">年末年始</span></td><td>木</td><td>b</td></tr>"))
        #expect(page.contains("<td class=\"date\">12/10 <span class=\"holiday-name\">休日</span></td><td>木</td><td>a</td><td></td></tr>"))
        #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("src="))

        let en = await oncall(["roster", "print", network, roster, "--month", "2026-12", "--lang", "en", "--out", scratch.path("en.html")])
        #expect(en.code == 0)
        let english = try scratch.read("en.html")
        #expect(english.contains("<html lang=\"en\">"))
        #expect(english.contains("On-call roster 2026-12"))
        #expect(english.contains("<th>日中 primary</th><th>日中 backup</th>"))
        #expect(english.contains("<td>Thu</td>"))
    }

    @Test("roster print --pdf without Chromium exits 2 and says to install it", .enabled(if: chromium() == nil))
    func printPDFWithoutChromium() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let roster = try scratch.write("roster.csv", validTinyCSV)
        let result = await oncall(["roster", "print", network, roster, "--month", "2026-06", "--out", scratch.path("p.html"), "--pdf", scratch.path("p.pdf")])
        #expect(result.code == 2)
        #expect(result.err.contains("install chromium"))
        #expect(!scratch.exists("p.pdf"))
    }

    @Test("roster print --pdf with a --chromium that is not there exits 2 and writes nothing")
    func printPDFWrongChromium() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let roster = try scratch.write("roster.csv", validTinyCSV)
        let result = await oncall([
            "roster", "print", network, roster, "--month", "2026-06", "--out", scratch.path("p.html"), "--pdf", scratch.path("p.pdf"),
            "--chromium", scratch.path("no-chromium"),
        ])
        #expect(result.code == 2)
        #expect(result.err.contains("no Chromium at this path"), "\(result.err)")
        #expect(result.err.contains("install chromium"))
        #expect(!scratch.exists("p.html") && !scratch.exists("p.pdf"))
    }

    @Test("roster print --pdf prints a PDF with Chromium", .enabled(if: chromium() != nil, "needs chromium on PATH"))
    func printPDF() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let roster = try scratch.write("roster.csv", validTinyCSV)
        let result = await oncall(["roster", "print", network, roster, "--month", "2026-06", "--out", scratch.path("p.html"), "--pdf", scratch.path("p.pdf")])
        #expect(result.code == 0, "\(result.err)")
        let pdf = try Data(contentsOf: URL(fileURLWithPath: scratch.path("p.pdf")))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
    }

    // MARK: - members import

    @Test("members import of a Shift_JIS sheet --into a network: replaced by id, added, and the result loads")
    func importInto() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let sheet = "会員ID,氏名,施設,職種,資格,常勤換算,最大当番数,不可日,希望休,電話番号\r\n"
            + "a,青木,一診療所,医師,麻薬,1,2,2026-06-11,,090-0000-0000\r\n"
            + "f,藤田,c3,医師,,0.5,,2026/6/10;2026-06-12/night,2026-06-11,\r\n"
        let path = scratch.path("members.csv")
        try cp932(sheet).write(to: URL(fileURLWithPath: path))
        let result = await oncall(["members", "import", path, "--into", network, "--out", scratch.path("merged.yaml")])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("2 members"))
        #expect(result.out.contains("Shift_JIS"))
        #expect(result.out.contains("電話番号"))
        let merged = try NetworkLoader.load(path: scratch.path("merged.yaml"))
        #expect(merged.members.map(\.id) == ["a", "b", "c", "d", "e", "f"])
        let a = merged.members[0], f = merged.members[5]
        #expect(a.name == "青木" && a.facility == "c1" && a.maxDuties == 2 && a.skills == ["narcotics"])
        #expect(a.off.map(\.description) == ["2026-06-11"])
        #expect(f.facility == "c3" && f.fte == 0.5)
        #expect(f.off.map(\.description) == ["2026-06-10", "2026-06-12/night"])
        #expect(f.preferOff.map(\.description) == ["2026-06-11"])
        // The original is left as it was.
        #expect(try scratch.read("tiny.yaml") == tinyNetworkYAML)
        #expect(try scratch.read("merged.yaml").contains("- {id: f, name: 藤田, facility: c3, role: physician, fte: 0.5, off: [\"2026-06-10\", 2026-06-12/night], prefer_off: [\"2026-06-11\"]}"))
    }

    @Test("members import of an English UTF-8 sheet with BOM, without --into, writes a starter network that loads")
    func importStarter() async throws {
        let scratch = try Scratch()
        let sheet = "\u{FEFF}id,name,facility,role,skills,fte,max_duties,off,prefer_off,email,sms,webhook\r\n"
            + "n1,\"Sato, Hana\",st1,nurse,,1,,,,hana@example.jp,,\r\n"
            + "p1,Kato,ph1,pharmacist,narcotics,0.5,3,2026-06-01..2026-06-03,,,09000000000,https://example.jp/hook\r\n"
        let path = try scratch.write("members.csv", sheet)
        let result = await oncall(["members", "import", path, "--out", scratch.path("network.yaml")])
        #expect(result.code == 0, "\(result.err)")
        let network = try NetworkLoader.load(path: scratch.path("network.yaml"))
        #expect(network.members.map(\.name) == ["Sato, Hana", "Kato"])
        #expect(network.members[0].contact.email == "hana@example.jp")
        #expect(network.members[1].contact.sms == "09000000000")
        #expect(network.members[1].contact.webhook == "https://example.jp/hook")
        #expect(network.facilities.map(\.kind) == [.nurseStation, .pharmacy])
        #expect(network.pools.map(\.role) == [.nurse, .pharmacist])
    }

    @Test("members import of Samples/members-ja.csv into Samples/rural.yaml: days off replaced, contacts kept, two added")
    func importSample() async throws {
        let scratch = try Scratch()
        let samples = packageRoot().appendingPathComponent("Samples")
        let rural = try NetworkLoader.load(path: samples.appendingPathComponent("rural.yaml").path)
        let result = await oncall([
            "members", "import", samples.appendingPathComponent("members-ja.csv").path, "--into",
            samples.appendingPathComponent("rural.yaml").path, "--out", scratch.path("rural.yaml"),
        ])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("columns not read: 備考"))
        let updated = try NetworkLoader.load(path: scratch.path("rural.yaml"))
        #expect(updated.members.count == rural.members.count + 2)
        let before = try #require(rural.memberIndex["yamamoto-kenichi"].map { rural.members[$0] })
        let after = try #require(updated.memberIndex["yamamoto-kenichi"].map { updated.members[$0] })
        #expect(after.off.map(\.description) == ["2026-12-14", "2027-01-25", "2027-02-18..2027-02-20"])
        // The sheet has an e-mail column but none for web hooks or SMS: those are kept.
        #expect(after.contact == before.contact)
        let mori = try #require(updated.memberIndex["mori-haruka"].map { updated.members[$0] })
        #expect(mori.facility == "kitayama-vn" && mori.role == .nurse && mori.fte == 0.5 && mori.maxDuties == 4)
        let ishida = try #require(updated.memberIndex["ishida-ken"].map { updated.members[$0] })
        #expect(ishida.facility == "ekimae" && ishida.skills == ["narcotics"])
        #expect(ishida.preferOff.map(\.description) == ["2026-12-31/night"])
    }

    @Test("members import names the row and column of each bad cell and exits 2 without writing")
    func importErrors() async throws {
        let scratch = try Scratch()
        let network = try scratch.write("tiny.yaml", tinyNetworkYAML)
        let path = try scratch.write("members.csv", "ID,氏名,施設,職種,休み\nx,X,c1,医師,2026-06-11\ny,Y,c7,歯科医師,2026-06-31\n")
        let result = await oncall(["members", "import", path, "--into", network, "--out", scratch.path("out.yaml")])
        #expect(result.code == 2)
        #expect(result.err.contains("\(path):3:3: 施設: unknown facility \"c7\""), "\(result.err)")
        #expect(result.err.contains("\(path):3:4: 職種: unknown role"))
        #expect(result.err.contains("\(path):3:5: 休み: \"2026-06-31\" is not a day off"))
        #expect(!scratch.exists("out.yaml"))

        // A day off naming a shift the network does not have is caught when the result is loaded,
        // and still reported at its row and column of the sheet.
        let shift = try scratch.write("shift.csv", "id,facility,role,off\nx,c1,physician,2026-06-11\ny,c1,physician,2026-06-11/evening\n")
        let bad = await oncall(["members", "import", shift, "--into", network, "--out", scratch.path("out.yaml")])
        #expect(bad.code == 2)
        #expect(bad.err.contains("\(shift):3:4:"), "\(bad.err)")
        #expect(bad.err.contains("evening"))
        #expect(!scratch.exists("out.yaml"))
    }
}

/// Text as Excel on a Japanese Windows saves it ("CSV (comma delimited)": CP932).
func cp932(_ text: String) throws -> Data {
    try #require(text.data(using: .shiftJIS), "cannot encode the sheet as Shift_JIS")
}
