// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK
import Logging

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The per-thread half of GLPK: its environment (TLS in GLPK) holds the term and error hooks, so they
/// must be installed on every thread that calls GLPK. The Swift side (the `TerminalSink` the hooks point to)
/// is kept in a pthread key so that it lives exactly as long as the thread's GLPK environment.
enum ThreadEnvironment {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let rc = pthread_key_create(&key, nil)
        precondition(rc == 0, "pthread_key_create failed: \(rc)")
        return key
    }()

    /// The calling thread's sink, if hooks are installed.
    static var current: TerminalSink? {
        pthread_getspecific(Self.key).map { Unmanaged<TerminalSink>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Installs the hooks on the calling thread unless already installed, and returns the sink.
    static func install(logger: Logger?) -> TerminalSink {
        if let sink = Self.current { return sink }
        precondition(glp_config("TLS") != nil, "this GLPK build is not reentrant (glp_config(\"TLS\") == NULL)")
        let sink = TerminalSink(logger: logger ?? Logger(label: "glpk"))
        let info = Unmanaged.passRetained(sink).toOpaque()
        pthread_setspecific(Self.key, info)
        // Returning 1 tells GLPK not to print the text itself.
        glp_term_hook(
            { info, text in
                guard let info, let text else { return 1 }
                let sink = Unmanaged<TerminalSink>.fromOpaque(info).takeUnretainedValue()
                sink.receive(String(cString: text), atError: glp_at_error() != 0)
                return 1
            },
            info
        )
        // GLPK aborts after this hook returns; the hook only makes sure the reason reaches the log first.
        glp_error_hook(
            { info in
                guard let info else { return }
                let sink = Unmanaged<TerminalSink>.fromOpaque(info).takeUnretainedValue()
                sink.flush()
                sink.logger.critical("GLPK internal error; the process will abort", metadata: ["source": "glpk"])
            },
            info
        )
        return sink
    }

    /// Frees the calling thread's GLPK environment and the sink.
    static func free() {
        guard let raw = pthread_getspecific(Self.key) else {
            // No hooks were installed by us; free whatever GLPK may hold (returns 1 quietly if nothing).
            glp_free_env()
            return
        }
        let sink = Unmanaged<TerminalSink>.fromOpaque(raw)
        precondition(
            sink.takeUnretainedValue().liveProblems == 0,
            "GLPK.freeThreadEnvironment() called while a Problem is alive on this thread"
        )
        sink.takeUnretainedValue().flush()
        // glp_free_env also drops the hooks, so the sink is no longer referenced by GLPK afterwards.
        glp_free_env()
        pthread_setspecific(Self.key, nil)
        sink.release()
    }
}
