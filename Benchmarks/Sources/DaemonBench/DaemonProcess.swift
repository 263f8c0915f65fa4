// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// `oncalld serve` as a child process, its output appended to a log file.
///
/// The port comes from the line the HTTP server logs at info level once it listens
/// ("… listening on 127.0.0.1:PORT"), as in Tests/OncallDaemonTests/DaemonProcess.swift; the
/// moment that line reaches the pipe is the benchmark's "listening" time.
final class DaemonProcess: Sendable {
    final class Watch: Sendable {
        /// Output not yet searched for the listening line (cleared once found).
        let pending = Mutex("")
        /// Port and monotonic time when the listening line arrived.
        let listening = Mutex<(port: Int, at: UInt64)?>(nil)
    }

    let process: Process
    /// Monotonic nanoseconds just before the process was spawned.
    let spawnedAt: UInt64
    /// Monotonic nanoseconds when the listening line arrived.
    let listeningAt: UInt64
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var pid: Int32 { process.processIdentifier }

    private init(process: Process, spawnedAt: UInt64, listeningAt: UInt64, port: Int) {
        self.process = process
        self.spawnedAt = spawnedAt
        self.listeningAt = listeningAt
        self.port = port
    }

    /// Spawns `binary serve ARGUMENTS --listen 127.0.0.1:0 --log-level info` and waits until it listens.
    static func start(binary: String, arguments: [String], environment: [String: String], log: URL, timeout: Double = 30) async throws
        -> DaemonProcess
    {
        if !FileManager.default.fileExists(atPath: log.path) { FileManager.default.createFile(atPath: log.path, contents: nil) }
        let file = try FileHandle(forWritingTo: log)
        try file.seekToEnd()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve"] + arguments + ["--listen", "127.0.0.1:0", "--log-level", "info"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let watch = Watch()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            let at = monotonicNow()
            if data.isEmpty {
                handle.readabilityHandler = nil
                try? file.close()
                return
            }
            file.write(data)
            guard watch.listening.withLock({ $0 == nil }) else { return }
            let text = watch.pending.withLock { (pending: inout String) -> String in
                pending += String(decoding: data, as: UTF8.self)
                return pending
            }
            if let range = text.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                let port = Int(text[range].split(separator: ":").last ?? "")
            {
                watch.listening.withLock { $0 = (port, at) }
                watch.pending.withLock { $0 = "" }
            }
        }
        let spawnedAt = monotonicNow()
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, process.isRunning {
            if let found = watch.listening.withLock({ $0 }) {
                return DaemonProcess(process: process, spawnedAt: spawnedAt, listeningAt: found.at, port: found.port)
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        throw BenchError("the daemon did not start listening within \(Int(timeout)) s; see \(log.path)")
    }

    /// `kill -9`: no shutdown handler runs, nothing is flushed.
    func kill9() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, the graceful shutdown.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
