// SPDX-License-Identifier: GPL-3.0-or-later

/// An error thrown by the GLPK wrapper.
///
/// Most of these stand in for what GLPK itself would have done with the same input: call `abort()`.
/// The wrapper validates arguments in Swift so that the process survives and the caller gets a message.
public struct GLPKError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; an open set so that new kinds do not break exhaustive switches.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case invalidArgument, solverFailed, io, wrongThread, invalidState
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// An index, bound, name, coefficient or option GLPK would reject (usually with `abort()`).
        public static let invalidArgument = Code(.invalidArgument)
        /// The solver could not produce any usable result (see `returnCode`).
        public static let solverFailed = Code(.solverFailed)
        /// Reading or writing a model file failed.
        public static let io = Code(.io)
        /// A `Problem` was used from a thread other than the one that created it.
        public static let wrongThread = Code(.wrongThread)
        /// The object is in a state that forbids the call: the problem was already deleted, a solve is in
        /// progress (e.g. a mutation from inside a MIP callback), or the thread pool was shut down.
        public static let invalidState = Code(.invalidState)

        public var description: String {
            switch self.base {
            case .invalidArgument: "invalidArgument"
            case .solverFailed: "solverFailed"
            case .io: "io"
            case .wrongThread: "wrongThread"
            case .invalidState: "invalidState"
            }
        }
    }

    public var code: Code
    public var message: String
    /// The GLPK return code behind the error, when there is one.
    public var returnCode: ReturnCode?

    public init(code: Code, message: String, returnCode: ReturnCode? = nil) {
        self.code = code
        self.message = message
        self.returnCode = returnCode
    }

    public var description: String {
        if let returnCode = self.returnCode {
            return "GLPKError.\(self.code): \(self.message) (\(returnCode))"
        }
        return "GLPKError.\(self.code): \(self.message)"
    }

    static func invalidArgument(_ message: String) -> GLPKError {
        GLPKError(code: .invalidArgument, message: message)
    }
}
