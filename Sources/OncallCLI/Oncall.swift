// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import Logging
import RosterModel

/// `oncall`: fair on-call rosters for home-care networks.
public struct Oncall: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "oncall",
        abstract: "Fair monthly on-call rosters for home-care networks, solved with GLPK.",
        version: "0.1.0",
        subcommands: [
            RosterCommand.self, FairnessCommand.self, CalendarCommand.self, MembersCommand.self,
            MovedToDaemon.Serve.self, MovedToDaemon.Who.self, MovedToDaemon.Patients.self,
        ])

    public init() {}

    /// Runs the command line and returns the exit code, mapping every bad-input error to 2.
    public static func run(arguments: [String]) async -> Int32 {
        await runCommandLine(Oncall.self, arguments: arguments)
    }
}

/// Options every command shares.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    public var logLevel: Logger.Level = .warning

    public init() {}

    public func makeLogger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
