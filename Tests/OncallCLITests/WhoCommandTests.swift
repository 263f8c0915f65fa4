// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallStore
import RosterModel
import Testing

struct WhoCommandTests {
    let network = """
        name: who-test
        timezone: Asia/Tokyo
        shifts:
          - {id: day, name: 日中, start: "09:00", end: "18:00", on: [weekday, saturday, sunday, holiday]}
          - {id: night, name: 夜間, start: "18:00", end: "09:00", on: [weekday, saturday, sunday, holiday]}
        districts: [{id: north, name: 北}]
        facilities:
          - {id: c1, name: 一診療所, kind: clinic, district: north}
          - {id: c2, name: 二診療所, kind: clinic, district: north}
        members:
          - {id: p1, name: 医師一, facility: c1, role: physician}
          - {id: p2, name: 医師二, facility: c2, role: physician}
        pools:
          - {id: docs, role: physician, shifts: [day, night], primary: 1, backup: 1}

        """

    func prepare(_ scratch: Scratch) async throws -> (network: String, db: String) {
        let networkPath = try scratch.write("network.yaml", network)
        let db = scratch.path("oncall.sqlite")
        var duties: [PublishedDuty] = []
        for day in 1...31 {
            let d = String(format: "2026-12-%02d", day)
            duties += [
                PublishedDuty(month: "2026-12", date: d, shift: "night", pool: "docs", tier: .primary, member: day % 2 == 0 ? "p1" : "p2"),
                PublishedDuty(month: "2026-12", date: d, shift: "night", pool: "docs", tier: .backup, member: day % 2 == 0 ? "p2" : "p1"),
            ]
        }
        let store = try SQLiteStore(path: db)
        try await store.publish(
            PublishedRoster(month: "2026-12", duties: duties, publishedAt: Date(), publishedBy: "test"),
            audit: AuditEntry(at: Date(), actor: "test", action: "publish_roster", subject: "2026-12"))
        return (networkPath, db)
    }

    @Test func twoInTheMorningIsThePreviousNightsDoctor() async throws {
        let scratch = try Scratch()
        let (network, db) = try await prepare(scratch)
        let r = await oncalld(["who", "--network", network, "--db", db, "--pool", "docs", "--at", "2026-12-06T02:00:00+09:00"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.outLines.first == "docs 2026-12-05 night (2026-12-05T18:00:00+09:00 – 2026-12-06T09:00:00+09:00)")
        #expect(r.out.contains("primary: 医師二 (p2, c2)"))
        #expect(r.out.contains("backup:  医師一 (p1, c1)"))
    }

    @Test func nobodyRosteredExitsOneAndBadInputTwo() async throws {
        let scratch = try Scratch()
        let (network, db) = try await prepare(scratch)
        #expect(await oncalld(["who", "--network", network, "--db", db, "--pool", "docs", "--at", "2026-12-06T12:00:00+09:00"]).code == 1)
        #expect(await oncalld(["who", "--network", network, "--db", db, "--pool", "nope"]).code == 2)
        let noZone = await oncalld(["who", "--network", network, "--db", db, "--pool", "docs", "--at", "2026-12-06T02:00:00"])
        #expect(noZone.code == 2)
        #expect(noZone.err.contains("at"))
        #expect(await oncalld(["who", "--network", network, "--db", scratch.path("missing.sqlite"), "--pool", "docs"]).code == 2)
    }

    @Test("serve on an address in use exits 2 naming --listen, not a raw bind error")
    func serveOnABusyPortSaysSo() async throws {
        let scratch = try Scratch()
        let networkPath = try scratch.write("network.yaml", network)
        // Hold a port: a listening socket on 127.0.0.1, on a port the kernel picks.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let r = await oncalld(["serve", "--network", networkPath, "--db", scratch.path("oncall.sqlite"), "--listen", "127.0.0.1:\(port)"])
        #expect(r.code == 2, "\(r.err)")
        #expect(r.err.contains("127.0.0.1:\(port) is in use") && r.err.contains("--listen"), "\(r.err)")
    }

    @Test func theRosterToolSendsDaemonCommandsToOncalld() async throws {
        for command in ["serve", "who", "patients"] {
            let r = await oncall([command, "--network", "x.yaml"])
            #expect(r.code == 2)
            #expect(r.err.contains("oncalld \(command)"), "\(r.err)")
        }
    }
}
