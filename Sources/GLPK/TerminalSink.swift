// SPDX-License-Identifier: GPL-3.0-or-later

import Logging

/// Receives GLPK's terminal output for one thread and forwards whole lines to a `Logger`.
///
/// GLPK emits text in fragments (a line may arrive in several calls), so fragments are buffered until a newline.
/// A capture can be active so that file I/O can put GLPK's own explanation into a thrown error.
/// Only ever touched from its thread (GLPK calls the hook on the thread that produced the output).
final class TerminalSink {
    var logger: Logger
    /// Number of `Problem`s alive on this thread; `glp_free_env` would invalidate them.
    var liveProblems = 0
    private var pending = ""
    private var captured: String?

    init(logger: Logger) {
        self.logger = logger
    }

    func receive(_ text: String, atError: Bool) {
        self.captured?.append(text)
        self.pending.append(text)
        while let newline = self.pending.firstIndex(of: "\n") {
            let line = String(self.pending[..<newline])
            self.pending.removeSubrange(...newline)
            self.log(line, atError: atError)
        }
    }

    /// Logs a trailing partial line, if any.
    func flush() {
        guard !self.pending.isEmpty else { return }
        let line = self.pending
        self.pending = ""
        self.log(line, atError: false)
    }

    /// Runs `body` and returns what GLPK printed meanwhile, trimmed.
    func capturing<T>(_ body: () throws -> T) rethrows -> (result: T, output: String) {
        let outer = self.captured
        self.captured = ""
        var inner = ""
        defer { self.captured = outer.map { $0 + inner } }
        let result = try body()
        inner = self.captured ?? ""
        return (result, inner.trimmingWhitespace())
    }

    private func log(_ line: String, atError: Bool) {
        guard !line.isEmpty else { return }
        if atError {
            self.logger.error("\(line)", metadata: ["source": "glpk"])
        } else {
            self.logger.debug("\(line)", metadata: ["source": "glpk"])
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = self.firstIndex(where: { !isSpace($0) }),
            let last = self.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
