// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOHTTP1
import Testing

/// Issue 12: the daemon kept no access log. Now one line per request, without tokens, names, numbers or queries.
struct AccessLogTests {
    /// The daemon's `oncall.access` lines.
    func accessLines(_ daemon: PagingDaemon) -> [String] {
        daemon.log.split(separator: "\n").map(String.init).filter { $0.contains("oncall.access") }
    }

    /// Waits for the access line that `predicate` picks: the daemon writes it as the response leaves.
    func line(_ daemon: PagingDaemon, where predicate: (String) -> Bool) async throws -> String? {
        for _ in 0..<100 {
            if let found = accessLines(daemon).first(where: predicate) { return found }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    @Test("a request with a token and a query holding a phone number and a name: method, pattern, status, ms, kind, and none of those")
    func accessLineHoldsNothingPersonal() async throws {
        let facilityToken = "facility-c1-secret-token"
        let daemon = try await PagingDaemon(config: "tokens:\n  - {token: \(facilityToken), role: facility, facility: c1}\n")
        defer { daemon.stop() }
        try await daemon.publishAroundNow()
        let phone = "090-1234-5678", name = "医師一"
        let query = "?pool=docs&phone=\(phone)&name=" + name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        #expect(try await daemon.request(.GET, "/v1/facilities/c1/oncall" + query, token: facilityToken).status == 200)
        #expect(try await daemon.request(.GET, "/v1/rosters/2026-13?phone=\(phone)").status == 400)
        #expect(try await daemon.request(.GET, "/v1/oncall?pool=docs", token: "not-a-token-\(phone)").status == 401)
        #expect(try await daemon.request(.GET, "/v1/links/ack?escalation=e&member=p1&expires=1&sig=00", token: nil).status == 403)
        #expect(try await daemon.request(.GET, "/health", token: nil).status == 200)
        #expect(try await daemon.request(.GET, "/no/such/\(phone)", token: nil).status == 404)

        let facility = try #require(try await line(daemon) { $0.contains("/v1/facilities/") }, "\(daemon.log)")
        let shape = #"GET /v1/facilities/\{id\}/oncall 200 \d+(\.\d+)? ms facility$"#
        #expect(facility.range(of: shape, options: .regularExpression) != nil, "\(facility)")
        let admin = try #require(try await line(daemon) { $0.contains("/v1/rosters/{month} 400") })
        #expect(admin.hasSuffix(" ms admin"), "a handler's thrown error is logged with its status: \(admin)")
        #expect(try await line(daemon) { $0.contains("GET /v1/oncall 401 ") && $0.hasSuffix(" ms unknown") } != nil, "\(accessLines(daemon))")
        #expect(try await line(daemon) { $0.contains("GET /v1/links/ack 403 ") && $0.hasSuffix(" ms link") } != nil, "\(accessLines(daemon))")
        #expect(try await line(daemon) { $0.contains("GET /health 200 ") && $0.hasSuffix(" ms anonymous") } != nil)
        #expect(try await line(daemon) { $0.contains(" 404 ") && $0.hasSuffix(" ms anonymous") } != nil, "\(accessLines(daemon))")
        #expect(accessLines(daemon).filter { $0.contains("PUT /v1/rosters/{month} 200 ") }.count == 3, "one line per request")

        let log = daemon.log
        for secret in [facilityToken, PagingDaemon.adminToken, phone, "1234-5678", name, "not-a-token", "pool=docs", "?"] {
            #expect(!accessLines(daemon).contains { $0.contains(secret) }, "\(secret) in the access log")
        }
        for secret in [facilityToken, PagingDaemon.adminToken, phone, name] {
            #expect(!log.contains(secret), "\(secret) in the daemon's log")
        }
    }
}
