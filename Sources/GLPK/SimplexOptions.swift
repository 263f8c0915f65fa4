// SPDX-License-Identifier: GPL-3.0-or-later

/// Options for `Problem.simplex` (a subset of `glp_smcp`).
public struct SimplexOptions: Sendable {
    /// Run GLPK's LP presolver. With presolve GLPK reports infeasibility/unboundedness through the return code
    /// and leaves no basis behind, so a following MIP solve without presolve cannot reuse it.
    public var presolve = false
    /// Wall-clock limit (`tm_lim`); `nil` means none.
    public var timeLimit: Duration? = nil
    /// How much GLPK prints to the thread's logger.
    public var messageLevel: MessageLevel = .errors

    public init() {}
}
