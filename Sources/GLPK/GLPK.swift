// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK
import Logging

/// Entry points of the GLPK wrapper.
///
/// GLPK keeps its state per OS thread, so a problem exists only inside a synchronous `withProblem` call:
/// created, used and deleted on the calling thread. Async code reaches GLPK through `GLPKThreadPool`.
public enum GLPK {
    /// The library version, e.g. `"5.0"`.
    public static var version: String {
        String(cString: glp_version())
    }

    /// Whether the linked GLPK keeps its state per thread (built with TLS), which this wrapper requires.
    public static var isReentrant: Bool {
        glp_config("TLS") != nil
    }

    /// Creates a problem on the current thread, runs `body`, and deletes the problem before returning,
    /// also when `body` throws.
    ///
    /// The first call on a thread installs GLPK's terminal and error hooks for that thread, routing all
    /// GLPK output to `logger` (debug level; fatal errors at error level) instead of stdout.
    /// When hooks are already installed, a non-nil `logger` is used for the duration of this call only.
    ///
    /// - Parameters:
    ///   - name: Optional problem name (at most 255 bytes, no control characters).
    ///   - logger: Receives GLPK's output; defaults to the thread's logger or `Logger(label: "glpk")`.
    ///   - body: Works with the problem. Do not let the `Problem` escape: it is invalid after `body` returns.
    /// - Throws: `GLPKError.invalidArgument` for a bad name, or whatever `body` throws.
    public static func withProblem<T>(
        name: String? = nil,
        logger: Logger? = nil,
        _ body: (Problem) throws -> T
    ) throws -> T {
        if let name { try Validation.checkName(name, what: "problem name") }
        let sink = ThreadEnvironment.install(logger: logger)
        let previousLogger = sink.logger
        if let logger { sink.logger = logger }
        defer {
            sink.flush()
            sink.logger = previousLogger
        }
        guard let handle = glp_create_prob() else {
            throw GLPKError(code: .solverFailed, message: "glp_create_prob returned NULL")
        }
        if let name { glp_set_prob_name(handle, name) }
        let problem = Problem(handle: handle, sink: sink)
        sink.liveProblems += 1
        defer {
            problem.delete()
            sink.liveProblems -= 1
        }
        return try body(problem)
    }

    /// Frees this thread's GLPK environment (`glp_free_env`) and its hooks. Call it when a thread that used
    /// GLPK ends: GLPK has no TLS destructor, so the environment would leak. Must not be called inside
    /// `withProblem`. The next `withProblem` on this thread starts a fresh environment.
    public static func freeThreadEnvironment() {
        ThreadEnvironment.free()
    }
}
