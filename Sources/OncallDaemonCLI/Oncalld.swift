// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import OncallCLI

/// `oncalld`: the paging daemon and the commands that talk to it or read its database.
public struct Oncalld: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "oncalld",
        abstract: "The on-call daemon: who covers now, and paging escalations until someone acknowledges.",
        version: "0.1.0",
        subcommands: [ServeCommand.self, WhoCommand.self, PatientsCommand.self])

    public init() {}

    /// Runs the command line and returns the exit code (the same codes as `oncall`).
    public static func run(arguments: [String]) async -> Int32 {
        await runCommandLine(Oncalld.self, arguments: arguments)
    }
}
