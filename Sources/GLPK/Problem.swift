// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Owner of one GLPK problem object (`glp_prob`).
///
/// Obtain one only through `GLPK.withProblem`. It is bound to the thread that created it: GLPK's memory is
/// per thread, and using or deleting the object elsewhere aborts the process. Every call therefore checks the
/// thread (`precondition` for non-throwing members, `GLPKError.wrongThread` for throwing ones).
/// Rows and columns use GLPK's 1-based indices; whole solution vectors are returned 0-based.
public final class Problem {
    /// Objective sense.
    public enum Direction: Sendable {
        case minimize, maximize
    }

    private var handle: OpaquePointer?
    private let owner: pthread_t
    let sink: TerminalSink
    /// Set while GLPK is solving: the solver mutates the object then, and GLPK aborts on re-entry.
    var isSolving = false

    init(handle: OpaquePointer, sink: TerminalSink) {
        self.handle = handle
        self.owner = pthread_self()
        self.sink = sink
    }

    /// Deletes the GLPK object; called by `withProblem` on the creating thread.
    func delete() {
        let handle = self.liveHandle()
        self.handle = nil
        glp_delete_prob(handle)
    }

    // MARK: - Access checks

    /// The handle for reading; traps on misuse because non-throwing members cannot report it.
    func liveHandle(_ function: StaticString = #function) -> OpaquePointer {
        precondition(
            pthread_equal(self.owner, pthread_self()) != 0,
            "GLPK.Problem.\(function) called on a thread other than the one that created the problem"
        )
        guard let handle = self.handle else {
            preconditionFailure("GLPK.Problem.\(function) called after GLPK.withProblem returned")
        }
        return handle
    }

    /// The handle for throwing members; `mutating` also refuses while a solve is running.
    func checkedHandle(mutating: Bool = true, _ function: StaticString = #function) throws -> OpaquePointer {
        guard pthread_equal(self.owner, pthread_self()) != 0 else {
            throw GLPKError(
                code: .wrongThread,
                message: "Problem.\(function) called on a thread other than the one that created the problem"
            )
        }
        guard let handle = self.handle else {
            throw GLPKError(code: .invalidState, message: "Problem.\(function) called after GLPK.withProblem returned")
        }
        if mutating && self.isSolving {
            throw GLPKError(code: .invalidState, message: "Problem.\(function) called while a solve is in progress")
        }
        return handle
    }

    func mutableHandle(_ function: StaticString = #function) -> OpaquePointer {
        let handle = self.liveHandle(function)
        precondition(!self.isSolving, "GLPK.Problem.\(function) called while a solve is in progress")
        return handle
    }

    // MARK: - Shape and objective sense

    public var direction: Direction {
        get {
            glp_get_obj_dir(self.liveHandle()) == GLP_MAX ? .maximize : .minimize
        }
        set {
            glp_set_obj_dir(self.mutableHandle(), newValue == .maximize ? GLP_MAX : GLP_MIN)
        }
    }

    public var rowCount: Int {
        Int(glp_get_num_rows(self.liveHandle()))
    }

    public var columnCount: Int {
        Int(glp_get_num_cols(self.liveHandle()))
    }

    // MARK: - Index checks

    /// GLPK's own limits on the problem size (`M_MAX`, `N_MAX` in prob.h); beyond them it aborts.
    static let maximumRows = 100_000_000
    static let maximumColumns = 100_000_000

    func checkRow(_ row: Int, in handle: OpaquePointer) throws -> Int32 {
        let count = Int(glp_get_num_rows(handle))
        guard row >= 1, row <= count else {
            throw GLPKError.invalidArgument("row index \(row) out of range (the problem has \(count) rows)")
        }
        return Int32(row)
    }

    func checkColumn(_ column: Int, in handle: OpaquePointer) throws -> Int32 {
        let count = Int(glp_get_num_cols(handle))
        guard column >= 1, column <= count else {
            throw GLPKError.invalidArgument("column index \(column) out of range (the problem has \(count) columns)")
        }
        return Int32(column)
    }
}

@available(*, unavailable)
extension Problem: Sendable {}
