// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GLPKBackend
import OncallCalendar
import RosterModel
import RosterSolver

/// Small networks written out in YAML, as users write them.
enum Fixtures {
    /// A network whose only shift runs on holidays, so the extra holidays decide exactly which
    /// dates need cover: small enough to reason about by hand.
    static func network(
        members: [String], pools: [String], holidays: [String], rules: String = "{}", history: String = "{}",
        objective: String = "{fairness: 100, requests: 1}", facilities: [String]? = nil
    ) throws -> Network {
        let facilityLines = facilities ?? (1...12).map { "  - {id: f\($0), kind: clinic, district: d, team: t\(($0 + 1) / 2)}" }
        let yaml = """
            name: test
            timezone: Asia/Tokyo
            calendar: {holidays: none, year_end: false, extra_holidays: [\(holidays.joined(separator: ", "))]}
            shifts:
              - {id: night, start: "18:00", end: "09:00", on: [holiday], weight: 1.0}
            districts: [{id: d}]
            facilities:
            \(facilityLines.joined(separator: "\n"))
            members:
            \(members.map { "  - " + $0 }.joined(separator: "\n"))
            pools:
            \(pools.map { "  - " + $0 }.joined(separator: "\n"))
            rules: \(rules)
            history: \(history)
            objective: \(objective)
            """
        return try NetworkLoader.parse(yaml, file: "fixture.yaml")
    }

    static let december = YearMonth(year: 2026, month: 12)!

    static func solve(_ network: Network, month: YearMonth = december, allowGaps: Bool = false, seconds: Int = 20) async throws
        -> RosterSolution
    {
        var settings = SolveSettings()
        settings.timeLimit = .seconds(seconds)
        settings.allowGaps = allowGaps
        return try await RosterSolver(solver: GLPKSolver(threads: 2), threads: 2).solve(RosterMonth(network: network, month: month), settings: settings)
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

/// Deterministic pseudo-random numbers (SplitMix64), so generated networks are the same every run.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum GLPKSolverFactory {
    static func make() -> GLPKSolver { GLPKSolver(threads: 1) }
}
