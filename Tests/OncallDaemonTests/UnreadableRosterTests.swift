// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOHTTP1
import OncallCalendar
import Testing

/// A published roster that stops parsing (the network file was edited to drop a member it names) used to
/// vanish from the daemon without a word: tonight's pages went to nobody and `/health` said "ok".
struct UnreadableRosterTests {
    @Test("a roster that no longer parses is logged by month (no names), counted in /metrics and named by /health: 503 while it is needed")
    func unreadableRostersAreReported() async throws {
        let first = try await PagingDaemon()
        let months = try await first.publishAroundNow()
        let old = months[0].previous
        #expect(try await first.request(.PUT, "/v1/rosters/\(old)", body: Array(validRosterCSV(old).utf8), contentType: "text/csv").status == 200)
        first.stop()

        // p4 leaves the network; every roster published names p4. The same database, restarted.
        let second = try await PagingDaemon(dir: first.dir) { hook in
            daemonNetworkYAML(webhook: hook).split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("id: p4,") }
                .joined(separator: "\n")
        }
        defer { second.stop() }
        let all = ([old] + months).map(\.description)
        let health = try await second.request(.GET, "/health", token: nil)
        #expect(health.status == 503, "\(health.body)")
        let json = try jsonObject(health.body)
        #expect(json["status"] as? String == "unhealthy")
        #expect(json["unreadable_rosters"] as? [String] == all, "\(health.body)")
        #expect(!health.body.contains("p4"))
        let metrics = try await second.request(.GET, "/metrics", token: nil).body
        #expect(metrics.range(of: #"(?m)^oncall_unreadable_rosters 4(\.0)?$"#, options: .regularExpression) != nil, "\(metrics)")
        for month in all { #expect(second.log.contains(month), "\(month) is not in the log:\n\(second.log)") }
        #expect(!second.log.contains("p4") && !second.log.contains("医師四"), "a member in the log:\n\(second.log)")

        // The months around now published again without p4: only an old month is left, which no page needs.
        for month in months {
            let csv = validRosterCSV(month).replacingOccurrences(of: ",p4", with: ",p5")
            let r = try await second.request(.PUT, "/v1/rosters/\(month)", body: Array(csv.utf8), contentType: "text/csv")
            #expect(r.status == 200, "\(r.body)")
        }
        let degraded = try await second.request(.GET, "/health", token: nil)
        #expect(degraded.status == 200, "\(degraded.body)")
        #expect(try jsonObject(degraded.body)["status"] as? String == "degraded")
        #expect(try jsonObject(degraded.body)["unreadable_rosters"] as? [String] == [old.description])
        let after = try await second.request(.GET, "/metrics", token: nil).body
        #expect(after.range(of: #"(?m)^oncall_unreadable_rosters 1(\.0)?$"#, options: .regularExpression) != nil, "\(after)")
    }
}
