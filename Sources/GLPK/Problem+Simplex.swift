// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

extension Problem {
    /// Solves the LP (integrality ignored) with the primal simplex method (`glp_simplex`).
    ///
    /// Limits and proofs (time limit, infeasible, unbounded) are reported in the result, not thrown.
    /// - Throws: `GLPKError.solverFailed` when GLPK could not work at all (`GLP_EBADB`, `GLP_ESING`,
    ///   `GLP_ECOND`, `GLP_EFAIL`), `GLPKError.invalidArgument` for `GLP_EBOUND` or a negative time limit.
    public func simplex(_ options: SimplexOptions = .init()) throws -> SimplexResult {
        let handle = try self.checkedHandle()
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = options.messageLevel.glpkValue
        parameters.presolve = options.presolve ? GLP_ON : GLP_OFF
        if let limit = options.timeLimit {
            parameters.tm_lim = try limit.glpkMilliseconds("simplex time limit")
        }
        self.isSolving = true
        defer { self.isSolving = false }
        let (rawCode, output) = self.sink.capturing { glp_simplex(handle, &parameters) }
        let code = ReturnCode(rawValue: rawCode)
        try Self.throwIfSimplexFailed(code, output: output)
        var status = SolutionStatus(glpk: glp_get_status(handle))
        // With presolve, GLPK proves these through the return code and leaves the basic solution undefined.
        if code == .enopfs { status = .noFeasible }
        if code == .enodfs { status = .unbounded }
        return SimplexResult(returnCode: code, status: status, objective: glp_get_obj_val(handle))
    }

    /// Status of the basic solution of the last `simplex` (or of the LP relaxation solved by `solveMIP`).
    public var primalStatus: SolutionStatus {
        SolutionStatus(glpk: glp_get_status(self.liveHandle()))
    }

    /// Objective value of the basic solution.
    public var objectiveValue: Double {
        glp_get_obj_val(self.liveHandle())
    }

    /// Primal column values of the basic solution, 0-based.
    public func primalValues() -> [Double] {
        let handle = self.liveHandle()
        let count = glp_get_num_cols(handle)
        return count > 0 ? (1...count).map { glp_get_col_prim(handle, $0) } : []
    }

    /// Return codes after which `glp_simplex` left no usable solution.
    static func throwIfSimplexFailed(_ code: ReturnCode, output: String) throws {
        let detail = output.isEmpty ? "" : ": \(output)"
        switch code {
        case .ebound:
            throw GLPKError(
                code: .invalidArgument,
                message: "glp_simplex rejected the bounds\(detail)",
                returnCode: code
            )
        case .ebadb, .esing, .econd, .efail:
            throw GLPKError(code: .solverFailed, message: "glp_simplex failed\(detail)", returnCode: code)
        default:
            return
        }
    }
}
