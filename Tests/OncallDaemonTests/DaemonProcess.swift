// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// The built `oncalld serve` binary running as a real child process.
final class DaemonProcess: Sendable {
    struct NotFound: Error, CustomStringConvertible {
        var description: String
    }

    /// A class around the lock so the pipe's handler can share it.
    final class Output: Sendable {
        let text = Mutex("")
    }

    let process: Process
    let output = Output()
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The `oncalld` executable next to the test bundle (`.build/debug`).
    static func executable() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("oncalld").path,
            Bundle.main.bundleURL.appendingPathComponent("oncalld").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("oncalld").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw NotFound(description: "no oncalld executable in \(candidates); run `swift build` first")
        }
        return found
    }

    /// Starts `oncalld serve` on an ephemeral port and waits until it listens.
    init(arguments: [String], environment: [String: String] = [:]) async throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable())
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--log-level", "info"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        let output = self.output
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            output.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        var port: Int?
        while Date() < deadline, port == nil, process.isRunning {
            let text = output.text.withLock { $0 }
            if let range = text.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(text[range].split(separator: ":").last!)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        guard let port else {
            process.terminate()
            throw NotFound(description: "the daemon did not start listening:\n" + output.text.withLock { $0 })
        }
        self.port = port
    }

    /// `kill -9`: no shutdown handler runs, nothing is flushed.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then the exit status once the process has ended (nil if it outlived `timeout`).
    func sigterm(timeout: Double) async -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func terminate() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    var log: String { output.text.withLock { $0 } }
}
