// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import RosterModel

/// Runs `Root`'s command line and returns the exit code: the one mapping from errors to exit codes that
/// `oncall` and `oncalld` share, so a bad input is 2 in both.
public func runCommandLine<Root: ParsableCommand>(_: Root.Type, arguments: [String]) async -> Int32 {
    do {
        var command = try Root.parseAsRoot(arguments)
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
        let code = Root.exitCode(for: error)
        let message = Root.fullMessage(for: error)
        if code == .success || error is CleanExit {
            if !message.isEmpty { Console.print(message) }
            return 0
        }
        if !message.isEmpty { Console.error(message) }
        // Unknown options, malformed values: bad input, like a broken file.
        return code == .validationFailure ? OncallExitCode.badInput.rawValue : code.rawValue
    }
}
