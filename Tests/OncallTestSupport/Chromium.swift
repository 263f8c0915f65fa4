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
    // The output is gathered as it arrives (a page larger than the pipe's buffer would otherwise stall
    // Chromium), by a handler on Foundation's own thread: a blocking read on one of the two threads of
    // Swift's pool starved the servers the page is read from, and the watchdog too.
    let collected = CollectedOutput()
    output.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
    let finished = AsyncStream<Void> { continuation in
        process.terminationHandler = { _ in continuation.finish() }
    }
    try process.run()
    let pid = process.processIdentifier
    let watchdog = Task {
        try await Task.sleep(for: .seconds(timeout))
        kill(pid, SIGTERM)
        try await Task.sleep(for: .seconds(5))
        kill(pid, SIGKILL)
    }
    for await _ in finished {}
    watchdog.cancel()
    output.fileHandleForReading.readabilityHandler = nil
    collected.append(output.fileHandleForReading.readDataToEndOfFile())
    return collected.text
}

/// Bytes from a pipe's handler, shared with the waiting task.
private final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
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
