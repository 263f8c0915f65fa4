// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import OncallDaemon
import OncallNotifiers
import OncallStore
import RosterModel
import Synchronization

/// A network of five clinic physicians (p5 has no duties, free to stand in) and a hospital physician; day 09–18 and night 18–09 every date.
/// Pool `docs` needs a primary and a backup from another facility on each shift. The hospital has no pool, so its night desk
/// (`facility:hosp`) is the hospital step.
func daemonNetworkYAML(webhook: String = "http://127.0.0.1:9/hook") -> String {
    """
    name: daemon-test
    timezone: Asia/Tokyo
    calendar: {holidays: jp, year_end: true}
    shifts:
      - {id: day, name: 日中, start: "09:00", end: "18:00", on: [weekday, saturday, sunday, holiday], weight: 1}
      - {id: night, name: 夜間, start: "18:00", end: "09:00", on: [weekday, saturday, sunday, holiday], weight: 1}
    districts:
      - {id: north, name: 北}
    facilities:
      - {id: c1, name: 一診療所, kind: clinic, district: north, team: t1}
      - {id: c2, name: 二診療所, kind: clinic, district: north, team: t2}
      - {id: hosp, name: 病院, kind: hospital, district: north, contact: {webhook: "\(webhook)/desk", phone: "0120-000-111"}}
    members:
      - {id: p1, name: 医師一, facility: c1, role: physician, contact: {webhook: "\(webhook)/p1"}}
      - {id: p2, name: 医師二, facility: c2, role: physician, contact: {webhook: "\(webhook)/p2"}}
      - {id: p3, name: 医師三, facility: c1, role: physician, contact: {webhook: "\(webhook)/p3"}}
      - {id: p4, name: 医師四, facility: c2, role: physician, contact: {webhook: "\(webhook)/p4"}}
      - {id: p5, name: 医師五, facility: c2, role: physician, contact: {webhook: "\(webhook)/p5"}}
      - {id: h, name: 病院医師, facility: hosp, role: physician, contact: {webhook: "\(webhook)/h"}}
    pools:
      - {id: docs, role: physician, facility_kinds: [clinic], shifts: [day, night], primary: 1, backup: 1}

    """
}

/// Every date of `month`: day p1 (backup p2), night p3 (backup p4).
func validRosterCSV(_ month: YearMonth) -> String {
    var lines = ["date,shift,pool,tier,member"]
    for d in month.days {
        lines += ["\(d),day,docs,primary,p1", "\(d),day,docs,backup,p2", "\(d),night,docs,primary,p3", "\(d),night,docs,backup,p4"]
    }
    return lines.joined(separator: "\n") + "\n"
}

func loadDaemonNetwork(webhook: String = "http://127.0.0.1:9/hook") throws -> Network {
    try NetworkLoader.parse(daemonNetworkYAML(webhook: webhook), file: "daemon-test.yaml")
}

/// A fresh directory under the temporary directory, removed at deinit.
final class TempDirectory: Sendable {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("oncall-daemon-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Time that moves only when the test says so.
final class ManualClock: WallClock {
    private let current: Mutex<Date>
    init(_ start: Date) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    func sleep(for seconds: Double) async throws { await Task.yield() }
}

/// Remembers every page instead of sending it, for tests of the engine's logic.
final class RecordingNotifier: Notifier {
    private let sent = Mutex<[PageMessage]>([])
    var pages: [PageMessage] { sent.withLock { $0 } }
    var members: [String] { pages.map(\.member) }
    func send(_ message: PageMessage, via channel: Channel) async throws { sent.withLock { $0.append(message) } }
}

func instant(_ text: String) -> Date {
    let f = ISO8601DateFormatter()
    guard let d = f.date(from: text) else { preconditionFailure("bad test instant \(text)") }
    return d
}

/// A daemon built as `serve` builds it (`Daemon`), over a SQLite file, with a manual clock and a recording notifier.
struct Harness {
    let dir: TempDirectory
    let store: any OncallStore
    let clock: ManualClock
    let notifier: RecordingNotifier
    let api: Daemon<SQLiteStore>
    var engine: EscalationEngine { api.engine }
    var metrics: DaemonMetrics { api.metrics }

    static let adminToken = "admin-secret"
    static let facilityToken = "facility-c1"
    static let responderToken = "responder-p3"

    init(
        now: Date = instant("2026-12-06T02:00:00+09:00"), ackTimeout: Double = 300, rounds: Int = 1, network: Network? = nil,
        policy: EscalationPolicy? = nil, grants: [TokenGrant] = []
    ) async throws {
        dir = try TempDirectory()
        let sqlite = try SQLiteStore(path: dir.file("oncall.sqlite"))
        store = sqlite
        clock = ManualClock(now)
        notifier = RecordingNotifier()
        let settings = try Self.settings(network: network, ackTimeout: ackTimeout, rounds: rounds, policy: policy, grants: grants)
        api = try await Daemon(settings, store: sqlite, notifier: notifier, clock: clock)
    }

    /// The harness's settings: its tokens, a fixed link secret, one send per channel.
    static func settings(
        network: Network? = nil, ackTimeout: Double = 300, rounds: Int = 1, policy: EscalationPolicy? = nil, grants: [TokenGrant] = [],
        adminToken: String = Self.adminToken, withHarnessTokens: Bool = true
    ) throws -> DaemonSettings {
        let config = DaemonConfig(
            adminToken: adminToken,
            tokens: (withHarnessTokens ? [
                TokenGrant(token: Self.facilityToken, role: .facility, facility: "c1"),
                TokenGrant(token: Self.responderToken, role: .responder, member: "p3"),
            ] : []) + grants,
            linkSecret: "link-secret")
        var settings = DaemonSettings(network: try network ?? loadDaemonNetwork(), config: config)
        settings.policy = policy ?? EscalationPolicy(ackTimeoutSeconds: ackTimeout, rounds: rounds)
        settings.engine.attemptsPerChannel = 1
        return settings
    }
}

/// The channel of a page, not NIO's `Channel`, which several of these tests also import.
typealias Channel = RosterModel.Channel
