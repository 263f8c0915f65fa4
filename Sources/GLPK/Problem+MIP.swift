// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

extension Problem {
    /// Solves the MIP with branch-and-cut (`glp_intopt`).
    ///
    /// With `presolve` off, the LP relaxation is solved first with `glp_simplex` (GLPK requires an optimal
    /// basis then); an infeasible or unbounded relaxation ends the solve right there with the same
    /// termination the presolver would report.
    ///
    /// - Parameters:
    ///   - options: Limits, heuristics, cuts and rules.
    ///   - callback: Called on this thread from inside `glp_intopt` for every callback reason. It may inspect
    ///     the tree, inject a heuristic solution (`.heuristic`, presolve off), or call `terminate()`.
    ///     It must not use this `Problem` for changes (they throw `invalidState` during the solve).
    /// - Returns: Why the solver stopped and the best solution found; limits are not errors.
    /// - Throws: `GLPKError.invalidArgument` for bad options or an integer column with fractional bounds,
    ///   `GLPKError.wrongThread` / `.invalidState` on misuse.
    public func solveMIP(
        _ options: IntegerOptions = .init(),
        callback: ((SearchTree) -> Void)? = nil
    ) throws -> MIPResult {
        let handle = try self.checkedHandle()
        let clock = ContinuousClock()
        let start = clock.now
        let timeLimit = try options.timeLimit?.glpkMilliseconds("time limit")
        let proximityLimit = try options.proximitySearch?.glpkMilliseconds("proximity search time")
        guard options.relativeGap.isFinite, options.relativeGap >= 0 else {
            throw GLPKError.invalidArgument("relative gap must be finite and >= 0, got \(options.relativeGap)")
        }
        try self.checkIntegerBounds(handle)

        self.isSolving = true
        defer { self.isSolving = false }

        // Remaining milliseconds of the caller's budget, so the root LP counts against it.
        func remaining() -> Int32 {
            guard let timeLimit else { return Int32.max }
            let spent = (clock.now - start).components
            let spentMilliseconds = spent.seconds * 1000 + spent.attoseconds / 1_000_000_000_000_000
            return Int32(clamping: max(0, Int64(timeLimit) - spentMilliseconds))
        }
        func finish(
            _ termination: Termination,
            _ status: SolutionStatus,
            _ code: ReturnCode,
            bound: Double? = nil
        ) -> MIPResult {
            let hasSolution = status.hasSolution
            let objective = hasSolution ? glp_mip_obj_val(handle) : nil
            return MIPResult(
                termination: termination,
                status: status,
                objective: objective,
                bound: status == .optimal ? objective : bound,
                values: hasSolution ? self.mipValues() : [],
                elapsed: clock.now - start,
                returnCode: code
            )
        }

        if !options.presolve {
            var simplex = glp_smcp()
            glp_init_smcp(&simplex)
            simplex.msg_lev = options.messageLevel.glpkValue
            simplex.tm_lim = remaining()
            let (rawCode, output) = self.sink.capturing { glp_simplex(handle, &simplex) }
            let code = ReturnCode(rawValue: rawCode)
            if code == .etmlim { return finish(.timeLimit, .undefined, code) }
            if code == .ebound { try Self.throwIfSimplexFailed(code, output: output) }
            guard code == .success else { return finish(.rootLPFailed, .undefined, code) }
            switch glp_get_status(handle) {
            case GLP_OPT: break
            case GLP_NOFEAS: return finish(.noPrimalFeasible, .noFeasible, .enopfs)
            case GLP_UNBND: return finish(.noDualFeasible, .unbounded, .enodfs)
            default: return finish(.rootLPFailed, .undefined, .eroot)
            }
        }

        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = options.messageLevel.glpkValue
        parameters.presolve = options.presolve ? GLP_ON : GLP_OFF
        parameters.tm_lim = remaining()
        parameters.mip_gap = options.relativeGap
        parameters.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
        parameters.ps_heur = proximityLimit == nil ? GLP_OFF : GLP_ON
        // Proximity search ignores tm_lim, so its own limit must never exceed what is left.
        parameters.ps_tm_lim = min(proximityLimit ?? parameters.ps_tm_lim, parameters.tm_lim)
        parameters.gmi_cuts = options.cuts.contains(.gomory) ? GLP_ON : GLP_OFF
        parameters.mir_cuts = options.cuts.contains(.mir) ? GLP_ON : GLP_OFF
        parameters.cov_cuts = options.cuts.contains(.cover) ? GLP_ON : GLP_OFF
        parameters.clq_cuts = options.cuts.contains(.clique) ? GLP_ON : GLP_OFF
        parameters.br_tech = options.branching.glpkValue
        parameters.bt_tech = options.backtracking.glpkValue

        let context = MIPSearchContext(
            callback: callback,
            logger: self.sink.logger,
            feasibility: callback != nil && !options.presolve ? FeasibilityCheck(handle: handle) : nil
        )
        let info = Unmanaged.passRetained(context)
        defer { info.release() }
        parameters.cb_func = MIPSearchContext.trampoline
        parameters.cb_info = info.toOpaque()

        let code = ReturnCode(rawValue: glp_intopt(handle, &parameters))
        var status = SolutionStatus(glpk: glp_mip_status(handle))
        if code == .enodfs { status = .unbounded }
        return finish(Termination(intoptReturnCode: code), status, code, bound: context.bestBound)
    }

    /// GLPK answers fractional bounds on integer columns with `GLP_EBOUND`; say which column instead.
    private func checkIntegerBounds(_ handle: OpaquePointer) throws {
        let columnCount = glp_get_num_cols(handle)
        guard columnCount > 0 else { return }
        for column in 1...columnCount where glp_get_col_kind(handle, column) != GLP_CV {
            let type = glp_get_col_type(handle, column)
            let lower = glp_get_col_lb(handle, column)
            let upper = glp_get_col_ub(handle, column)
            let lowerUsed = type == GLP_LO || type == GLP_DB || type == GLP_FX
            let upperUsed = type == GLP_UP || type == GLP_DB
            if (lowerUsed && lower != lower.rounded(.down)) || (upperUsed && upper != upper.rounded(.down)) {
                throw GLPKError.invalidArgument("integer column \(column) has fractional bounds \(lower)...\(upper)")
            }
        }
    }

    // MARK: - MIP solution

    /// Status of the integer solution GLPK holds (`glp_mip_status`). When `solveMIP` ended at the root LP
    /// (presolve off), `glp_intopt` did not run and this still describes an earlier solve: prefer `MIPResult`.
    public var mipStatus: SolutionStatus {
        SolutionStatus(glpk: glp_mip_status(self.liveHandle()))
    }

    /// Objective of the integer solution.
    public var mipObjective: Double {
        glp_mip_obj_val(self.liveHandle())
    }

    /// Value of a column (1-based) in the integer solution; 0 for an index out of range.
    public func mipValue(column: Int) -> Double {
        let handle = self.liveHandle()
        guard column >= 1, column <= Int(glp_get_num_cols(handle)) else { return 0 }
        return glp_mip_col_val(handle, Int32(column))
    }

    /// All column values of the integer solution, 0-based (`values[j - 1]` is column `j`).
    public func mipValues() -> [Double] {
        let handle = self.liveHandle()
        let count = glp_get_num_cols(handle)
        return count > 0 ? (1...count).map { glp_mip_col_val(handle, $0) } : []
    }
}
