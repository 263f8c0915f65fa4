// SPDX-License-Identifier: GPL-3.0-or-later
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OncallCalendar
import Testing

/// Two overrides that are each fine but together break a rule, posted at the same instant: never both
/// accepted. On PostgreSQL each goes to a different daemon on the same database.
@Suite(.serialized)
struct ConcurrentOverrideTests {
    let crash = CrashRecoveryTests()

    @Test(arguments: StoreKind.available)
    func twoOverridesThatTogetherBreakARuleAreNeverBothAccepted(_ kind: StoreKind) async throws {
        let dir = try TempDirectory()
        let db = kind == .postgres ? try await TestPostgres.freshDatabase() : dir.file("oncall.sqlite")
        var arguments = try crash.daemonArguments(dir, webhook: "http://127.0.0.1:9/hook", config: "policy: {rounds: 1}\n", ackTimeout: 60)
        arguments[arguments.firstIndex(of: "--db")! + 1] = db
        let environment = ["ONCALL_ADMIN_TOKEN": crash.token]
        let a = try await DaemonProcess(arguments: arguments, environment: environment)
        defer { a.terminate() }
        let b = kind == .postgres ? try await DaemonProcess(arguments: arguments, environment: environment) : a
        defer { if kind == .postgres { b.terminate() } }
        try await crash.publishAroundNow(a)
        let date = "\(crash.months()[1])-05"
        // p5 has no duty: as the 5th's night backup alone, or its day backup alone, fine; both break one duty a day.
        let night = #"{"pool":"docs","date":"\#(date)","shift":"night","tier":"backup","member":"p5","replaces":"p4"}"#
        let day = #"{"pool":"docs","date":"\#(date)","shift":"day","tier":"backup","member":"p5","replaces":"p2"}"#
        var bothAccepted = 0, oneAccepted = 0
        for _ in 0..<50 {
            async let first = crash.request(a.baseURL, .POST, "/v1/overrides", body: night)
            async let second = crash.request(b.baseURL, .POST, "/v1/overrides", body: day)
            let results = try await [first, second]
            let accepted = results.filter { $0.0 == 201 }
            #expect(results.allSatisfy { $0.0 == 201 || $0.0 == 422 }, "\(results)")
            if accepted.count == 2 { bothAccepted += 1 }
            if accepted.count == 1 { oneAccepted += 1 }
            for (_, body) in accepted {
                let id = try #require(crash.json(body)["id"] as? String)
                #expect(try await crash.request(a.baseURL, .DELETE, "/v1/overrides/\(id)").0 == 204)
            }
        }
        #expect(bothAccepted == 0, "both accepted in \(bothAccepted) of 50 tries")
        #expect(oneAccepted == 50, "exactly one accepted each time (\(oneAccepted))")
    }
}
