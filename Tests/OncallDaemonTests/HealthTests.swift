// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import HummingbirdTesting
import OncallCalendar
import OncallDaemon
import RosterModel
import Testing

struct HealthTests {
    @Test("/health counts open escalations and turns 503 when one waits past its deadline (an engine that stopped)")
    func healthSeesAStalledEngine() async throws {
        let h = try await Harness(ackTimeout: 60)
        try await Application(router: h.api.router()).test(.router) { client in
            let put = try await call(client, .put, "/v1/rosters/2026-12", body: validRosterCSV(YearMonth("2026-12")!), contentType: "text/csv")
            #expect(put.status == .ok)
            let idle = try await call(client, .get, "/health", token: nil)
            #expect(try idle.status == .ok && (jsonObject(idle.body)["open_escalations"] as? Int) == 0)
            _ = try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs"}"#)
            await h.engine.tick()
            // Paged; its deadline is 60 s away.
            h.clock.advance(by: 60 + 29)
            let waiting = try await call(client, .get, "/health", token: nil)
            #expect(try waiting.status == .ok && (jsonObject(waiting.body)["open_escalations"] as? Int) == 1)
            // Nobody moved it on for 31 s past its deadline: the engine is not running.
            h.clock.advance(by: 2)
            let stalled = try await call(client, .get, "/health", token: nil)
            #expect(stalled.status == .serviceUnavailable, "\(stalled.body)")
            #expect((try jsonObject(stalled.body)["overdue_escalations"] as? Int) == 1)
            await h.engine.tick()
            let caughtUp = try await call(client, .get, "/health", token: nil).status
            #expect(caughtUp == .ok, "the engine caught up")
        }
    }

    @Test("/health counts, per pool, the members who have no channel to page them, and names nobody")
    func healthWarnsOfMembersWithoutAChannel() async throws {
        let yaml = daemonNetworkYAML().replacingOccurrences(
            of: #"{id: p5, name: 医師五, facility: c2, role: physician, contact: {webhook: "http://127.0.0.1:9/hook/p5"}}"#,
            with: "{id: p5, name: 医師五, facility: c2, role: physician}")
        let h = try await Harness(network: try NetworkLoader.parse(yaml, file: "no-channel.yaml"))
        try await Application(router: h.api.router()).test(.router) { client in
            let r = try await call(client, .get, "/health", token: nil)
            #expect(r.status == .ok)
            #expect(try jsonObject(r.body)["members_without_channel"] as? [String: Int] == ["docs": 1], "\(r.body)")
            #expect(!r.body.contains("p5") && !r.body.contains("医師五"))
        }
        let healthy = try await Harness()
        try await Application(router: healthy.api.router()).test(.router) { client in
            let body = try await call(client, .get, "/health", token: nil).body
            #expect(try jsonObject(body)["members_without_channel"] == nil)
        }
    }
}
