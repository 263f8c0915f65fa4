// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import RosterModel
import Testing

@Suite("member sheets from Excel")
struct MemberSheetTests {
    /// "会員ID,氏名,施設,職種,資格,休み\r\nz1,山田 太郎,c1,医師,麻薬,2026-06-11;2026-06-12\r\n" in CP932,
    /// as Excel on a Japanese Windows saves "CSV (comma delimited)".
    static let cp932Bytes: [UInt8] = [
        0x89, 0xEF, 0x88, 0xF5, 0x49, 0x44, 0x2C, 0x8E, 0x81, 0x96, 0xBC, 0x2C, 0x8E, 0x7B, 0x90, 0xDD, 0x2C, 0x90, 0x45, 0x8E,
        0xED, 0x2C, 0x8E, 0x91, 0x8A, 0x69, 0x2C, 0x8B, 0x78, 0x82, 0xDD, 0x0D, 0x0A, 0x7A, 0x31, 0x2C, 0x8E, 0x52, 0x93, 0x63,
        0x20, 0x91, 0xBE, 0x98, 0x59, 0x2C, 0x63, 0x31, 0x2C, 0x88, 0xE3, 0x8E, 0x74, 0x2C, 0x96, 0x83, 0x96, 0xF2, 0x2C, 0x32,
        0x30, 0x32, 0x36, 0x2D, 0x30, 0x36, 0x2D, 0x31, 0x31, 0x3B, 0x32, 0x30, 0x32, 0x36, 0x2D, 0x30, 0x36, 0x2D, 0x31, 0x32,
        0x0D, 0x0A,
    ]
    static let cp932Text = "会員ID,氏名,施設,職種,資格,休み\r\nz1,山田 太郎,c1,医師,麻薬,2026-06-11;2026-06-12\r\n"

    @Test("Shift_JIS (CP932) bytes decode to the same text")
    func cp932() throws {
        let decoded = try #require(SpreadsheetText.decode(Data(Self.cp932Bytes)))
        #expect(decoded.encoding == .cp932)
        #expect(decoded.text == Self.cp932Text)
        // CP932's own characters (NEC and IBM extensions) decode too: ① is 0x87 0x40, 髙 is 0xFB 0xFC.
        #expect(SpreadsheetText.decodeCP932([0x87, 0x40, 0xFB, 0xFC]) == "①髙")
        // Windows' wave dash: 0x8160 is U+FF5E (～) in CP932, not JIS's U+301C.
        #expect(SpreadsheetText.decodeCP932([0x81, 0x60]) == "\u{FF5E}")
    }

    @Test("UTF-8 with and without a byte-order mark")
    func utf8() throws {
        let plain = try #require(SpreadsheetText.decode(Data("氏名\n".utf8)))
        #expect(plain.text == "氏名\n" && plain.encoding == .utf8)
        let bom = try #require(SpreadsheetText.decode(Data([0xEF, 0xBB, 0xBF] + Array("氏名\n".utf8))))
        #expect(bom.text == "氏名\n" && bom.encoding == .utf8)
    }

    @Test("Japanese and English headers map to the same fields")
    func headers() {
        let cases: [(String, MemberSheet.Field)] = [
            ("ID", .id), ("会員ID", .id), ("氏名", .name), ("名前", .name), ("施設", .facility), ("施設ID", .facility),
            ("職種", .role), ("資格", .skills), ("スキル", .skills), ("常勤換算", .fte), ("FTE", .fte), ("常勤換算（FTE）", .fte),
            ("上限", .maxDuties), ("最大当番数", .maxDuties), ("max_duties", .maxDuties), ("休み", .off), ("休日希望", .off),
            ("不可日", .off), ("希望休", .preferOff), ("prefer_off", .preferOff), ("email", .email), ("sms", .sms),
            ("webhook", .webhook), (" Name ", .name), ("ＩＤ", .id), ("常勤換算（ＦＴＥ）", .fte), ("Ｅ-ｍａｉｌ", .email), ("職　種", .role),
        ]
        for (header, field) in cases { #expect(MemberSheet.Field.matching(header: header) == field, "\(header)") }
        #expect(MemberSheet.Field.matching(header: "電話番号") == nil)
    }

    @Test("rows become members: roles and skills translated, days off parsed, Excel dates accepted")
    func rows() throws {
        let text = """
            会員ID,氏名,施設,職種,資格,常勤換算,上限,休み,希望休,備考
            z1,山田 太郎,一診療所,医師,麻薬・緩和,0.5,4,2026-06-11;2026/6/12,2026-06-10/night,x
            z2,,c2,看護師,,50%,,,,
            z3,薬 局子,c2,薬剤師,,,,2026-06-01..2026-06-03,,
            """
        let result = try MemberSheet.parse(text, file: "m.csv", facilities: ["一診療所": "c1", "c1": "c1", "c2": "c2"])
        #expect(result.members.map(\.id) == ["z1", "z2", "z3"])
        #expect(result.lines == [2, 3, 4])
        #expect(result.ignoredColumns == ["備考"])
        let z1 = result.members[0]
        #expect(z1.facility == "c1")
        #expect(z1.role == .physician)
        #expect(z1.skills == ["narcotics", "緩和"])
        #expect(z1.fte == 0.5 && z1.maxDuties == 4)
        #expect(z1.off.map(\.description) == ["2026-06-11", "2026-06-12"])
        #expect(z1.preferOff.map(\.description) == ["2026-06-10/night"])
        #expect(result.members[1].name == "z2" && result.members[1].role == .nurse && result.members[1].fte == 0.5)
        #expect(result.members[2].role == .pharmacist && result.members[2].off.map(\.description) == ["2026-06-01..2026-06-03"])
    }

    @Test("each bad cell is reported with its row and column")
    func rowColumnErrors() throws {
        let text = """
            id,name,facility,role,fte,off
            a,A,c1,doctor,2,2026-06-01
            b,B,c9,vet,1,2026-13-01
            ,C,c1,nurse,1,
            a,D,c1,nurse,1,
            """
        let error = try #require(throws: InputError.self) {
            try MemberSheet.parse(text, file: "m.csv", facilities: ["c1": "c1"])
        }
        let where_ = error.issues.map { "\($0.line ?? 0):\($0.column ?? 0)" }
        #expect(where_.contains("2:5"), "fte 2 at row 2, column 5: \(error)")
        #expect(where_.contains("3:3"), "unknown facility c9")
        #expect(where_.contains("3:4"), "unknown role vet")
        #expect(where_.contains("3:6"), "bad day off")
        #expect(where_.contains("4:1"), "no id")
        #expect(where_.contains("5:1"), "id a twice")
        #expect(error.description.contains("m.csv:3:4: role: unknown role \"vet\""))
    }

    @Test("a header without id, facility or role is named")
    func missingColumns() throws {
        let error = try #require(throws: InputError.self) { try MemberSheet.parse("氏名,施設\nA,c1\n", file: "m.csv") }
        #expect(error.description.contains("no id column"))
        #expect(error.description.contains("no role column"))
    }

    @Test("merging replaces members by id, adds new ones, and the result loads")
    func merge() throws {
        let base = """
            name: m
            shifts:
              - {id: night, start: "18:00", end: "09:00", on: [weekday]}
            facilities:
              - {id: c1, kind: clinic}
            members:
              - {id: a, facility: c1, role: physician}
              - {id: b, facility: c1, role: physician}
            pools:
              - {id: p, role: physician, shifts: [night], primary: 1}

            """
        let members = [
            Member(id: "b", name: "Bさん", facility: "c1", role: .physician, fte: 0.5, off: [DayOff("2026-06-02")!]),
            Member(id: "true", name: "1.5", facility: "c1", role: .physician, contact: Contact(email: "x@example.jp")),
        ]
        let text = try MemberYAML.merge(members, into: base, file: "m.yaml")
        #expect(text.contains("- {id: b, name: Bさん, facility: c1, role: physician, fte: 0.5, off: [\"2026-06-02\"]}"), "\(text)")
        let network = try NetworkLoader.parse(text, file: "m.yaml")
        #expect(network.members.map(\.id) == ["a", "b", "true"])
        #expect(network.members[1].fte == 0.5 && network.members[1].name == "Bさん")
        #expect(network.members[2].name == "1.5" && network.members[2].contact.email == "x@example.jp")
    }
}
