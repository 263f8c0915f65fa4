// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Chromium on PATH, for the tests that print PDFs and render pages in a real browser; nil where it
/// is not installed (`.ci/deps` installs Debian's `chromium`).
public func chromium() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
    }
    return nil
}

/// Runs headless Chromium with a fresh profile (no cookies from earlier runs) and returns what it
/// wrote to standard output, e.g. the page's DOM with `--dump-dom URL`.
///
/// Waits without blocking a thread of Swift's pool, so a server in the same process keeps answering;
/// gives up after `timeout` seconds.
public func runChromium(_ arguments: [String], timeout: Double = 90) async throws -> String {
    guard let executable = chromium() else { throw ChromiumMissing() }
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("oncall-chromium-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--user-data-dir=\(profile.path)"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let finished = AsyncStream<Void> { continuation in
        process.terminationHandler = { _ in continuation.finish() }
    }
    try process.run()
    // Read while it runs: a page larger than the pipe's buffer would otherwise stall Chromium.
    let reading = output.fileHandleForReading
    let text = Task.detached { String(decoding: reading.readDataToEndOfFile(), as: UTF8.self) }
    let pid = process.processIdentifier
    let watchdog = Task {
        try await Task.sleep(for: .seconds(timeout))
        kill(pid, SIGTERM)
    }
    for await _ in finished {}
    watchdog.cancel()
    return await text.value
}

public struct ChromiumMissing: Error, CustomStringConvertible {
    public var description: String { "Chromium is not installed (apt-get install chromium)" }
}

/// The text a person sees in a DOM: the body without tags, entities decoded, spaces collapsed.
public func visibleText(_ dom: String) -> String {
    var html = dom
    if let body = html.range(of: "<body") { html = String(html[body.lowerBound...]) }
    // Inline elements run on with their neighbours; every other tag breaks the text.
    html = html.replacingOccurrences(of: "</?(a|span|strong|em|b|label)( [^>]*)?>", with: "", options: .regularExpression)
    html = html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
        html = html.replacingOccurrences(of: entity, with: character)
    }
    return html.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression).trimmingCharacters(in: .whitespaces)
}
