// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Where commands write: standard output and error, or a capture in tests.
///
/// A task-local so tests can run commands in-process and read what they printed.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Whether standard error is a terminal (progress lines are drawn only there).
    public var errIsTerminal: Bool

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, errIsTerminal: Bool) {
        self.out = out
        self.err = err
        self.errIsTerminal = errIsTerminal
    }

    public static let standard = Console(
        out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        err: { text in FileHandle.standardError.write(Data(text.utf8)) },
        errIsTerminal: isatty(STDERR_FILENO) == 1)

    @TaskLocal public static var current: Console = .standard

    public static func print(_ line: String = "") { current.out(line + "\n") }
    public static func error(_ line: String) { current.err(line + "\n") }
}
