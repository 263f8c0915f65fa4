// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

/// The exit codes scripts rely on (part of the CLI contract).
public enum OncallExitCode {
    public static let success = ExitCode(0)
    /// `roster check`: the roster breaks a hard rule.
    public static let rosterInvalid = ExitCode(1)
    /// A file, line, field or argument the user gave is wrong (the message says which, and what to do).
    public static let badInput = ExitCode(2)
    /// No roster can hold every hard rule (the message explains why).
    public static let infeasible = ExitCode(3)
    /// The time limit passed before any roster was found.
    public static let timeLimit = ExitCode(4)
    /// `--allow-gaps`: a roster was written, and it leaves duties uncovered (listed, with why).
    public static let uncovered = ExitCode(5)
}
