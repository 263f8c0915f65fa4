// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// Python's schemathesis (PyPI, 4.x; `.ci/deps` installs it) as a child process: it reads an OpenAPI
/// document from a live server, sends the requests it generates and checks each answer against it.
enum Schemathesis {
    struct Run {
        /// nil when schemathesis could not be started at all.
        var status: Int32?
        var output: String
    }

    /// `python3 -m schemathesis.cli run ARGUMENTS` in `directory`, waited for without holding a thread;
    /// killed after `timeout` seconds. Through the module, not the `schemathesis` script, because a
    /// `pip install --user` puts the script in ~/.local/bin, which need not be on PATH.
    static func run(_ arguments: [String], configFile: String, in directory: String, timeout: Double) async -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "schemathesis.cli", "--config-file", configFile, "--no-color", "run"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Output()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            output.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        let (exits, exited) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { ended in
            output.finished.withLock { $0 = true }
            exited.yield(ended.terminationStatus)
            exited.finish()
        }
        do { try process.run() } catch {
            return Run(status: nil, output: "cannot run python3: \(error)")
        }
        let pid = process.processIdentifier
        // Ours alone, by its id, and only while it runs: a run past its budget is stopped and fails on its status.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(timeout))
            output.finished.withLock { if !$0 { kill(pid, SIGKILL) } }
        }
        var status: Int32?
        for await s in exits { status = s }
        watchdog.cancel()
        pipe.fileHandleForReading.readabilityHandler = nil
        let rest = pipe.fileHandleForReading.readDataToEndOfFile()
        output.text.withLock { $0 += String(decoding: rest, as: UTF8.self) }
        return Run(status: status, output: output.text.withLock { $0 })
    }

    /// Whether `python3 -m schemathesis.cli` answers, and with which version.
    static func version() async -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "schemathesis.cli", "--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    final class Output: Sendable {
        let text = Mutex("")
        let finished = Mutex(false)
    }
}
