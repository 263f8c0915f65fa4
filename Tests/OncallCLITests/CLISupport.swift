// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCLI
import OncallDaemonCLI
import Testing

/// What a command printed, collected from any thread.
final class Capture: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    var out: String { lock.withLock { outText } }
    var err: String { lock.withLock { errText } }

    func appendOut(_ text: String) { lock.withLock { outText += text } }
    func appendErr(_ text: String) { lock.withLock { errText += text } }
}

struct RunResult {
    var code: Int32
    var out: String
    var err: String
    var outLines: [String] { out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}

/// Runs `oncall` in-process with its output captured.
func oncall(_ arguments: [String]) async -> RunResult {
    await captured { await Oncall.run(arguments: arguments) }
}

/// Runs `oncalld` (the daemon's commands) in-process with its output captured.
func oncalld(_ arguments: [String]) async -> RunResult {
    await captured { await Oncalld.run(arguments: arguments) }
}

private func captured(_ run: () async -> Int32) async -> RunResult {
    let capture = Capture()
    let console = Console(out: { capture.appendOut($0) }, err: { capture.appendErr($0) }, errIsTerminal: false)
    let code = await Console.$current.withValue(console) { await run() }
    return RunResult(code: code, out: capture.out, err: capture.err)
}

/// A directory of its own in the temporary directory, removed when the test is done.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("oncall-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let path = path(name)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
}

func packageRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// A network small enough to roster by hand. June 2026 has no national holiday; its 10th–12th
/// (Wednesday–Friday) are extra holidays, the only dates the two shifts run on. Per date:
/// `docs` needs a primary with narcotics (a or b) and a backup from another clinic on `day`,
/// `nights` a primary on `night`; 9 duties in the month. d is off on the 11th.
let tinyNetworkYAML = """
    name: tiny
    timezone: Asia/Tokyo
    calendar:
      holidays: jp
      year_end: true
      extra_holidays: [2026-06-10, 2026-06-11, 2026-06-12]
    shifts:
      - {id: day, name: 日中, start: "09:00", end: "18:00", on: [holiday], weight: 2}
      - {id: night, name: 夜間, start: "18:00", end: "09:00", on: [holiday], weight: 1}
    facilities:
      - {id: c1, name: 一診療所, kind: clinic, team: t1}
      - {id: c2, name: 二診療所, kind: clinic, team: t1}
      - {id: c3, name: 三診療所, kind: clinic, team: t2}
    members:
      - {id: a, facility: c1, role: physician, skills: [narcotics]}
      - {id: b, facility: c2, role: physician, skills: [narcotics], fte: 0.5}
      - {id: c, facility: c3, role: physician}
      - {id: d, facility: c1, role: physician, off: ["2026-06-11"]}
      - {id: e, facility: c2, role: physician}
    pools:
      - {id: docs, role: physician, shifts: [day], primary: 1, backup: 1, require: {primary: [narcotics]}}
      - {id: nights, role: physician, shifts: [night], primary: 1}
    rules: {max_duties: 3}

    """

/// A roster of the tiny network that holds every rule, worked out by hand, in the order
/// `roster solve` writes (date, shift start, pool, primary first).
let validTinyCSV = """
    date,shift,pool,tier,member
    2026-06-10,day,docs,primary,a
    2026-06-10,day,docs,backup,c
    2026-06-10,night,nights,primary,b
    2026-06-11,day,docs,primary,b
    2026-06-11,day,docs,backup,c
    2026-06-11,night,nights,primary,e
    2026-06-12,day,docs,primary,a
    2026-06-12,day,docs,backup,e
    2026-06-12,night,nights,primary,d

    """
