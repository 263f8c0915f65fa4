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
            RosterCommand.self, FairnessCommand.self, CalendarCommand.self, MembersCommand.self, PatientsCommand.self, ServeCommand.self,
            WhoCommand.self,
        ])

    public init() {}

    /// Runs the command line and returns the exit code, mapping every bad-input error to 2.
    public static func run(arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as InputError {
            Console.error(error.description)
            return OncallExitCode.badInput.rawValue
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success || error is CleanExit {
                if !message.isEmpty { Console.print(message) }
                return 0
            }
            if !message.isEmpty { Console.error(message) }
            // Unknown options, malformed values: bad input, like a broken file.
            return code == .validationFailure ? OncallExitCode.badInput.rawValue : code.rawValue
        }
    }
}

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    func makeLogger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
