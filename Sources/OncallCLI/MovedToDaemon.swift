// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import RosterModel

/// `oncall serve`, `oncall who`, `oncall patients`: the daemon's commands live in `oncalld`, so that making a
/// roster never waits for the daemon's HTTP and TLS stack to build. These hidden stubs say where they went.
enum MovedToDaemon {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", shouldDisplay: false)
        @Argument(parsing: .allUnrecognized) var rest: [String] = []
        func run() throws { throw MovedToDaemon.error("serve") }
    }

    struct Who: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "who", shouldDisplay: false)
        @Argument(parsing: .allUnrecognized) var rest: [String] = []
        func run() throws { throw MovedToDaemon.error("who") }
    }

    struct Patients: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "patients", shouldDisplay: false)
        @Argument(parsing: .allUnrecognized) var rest: [String] = []
        func run() throws { throw MovedToDaemon.error("patients") }
    }

    static func error(_ command: String) -> InputError {
        InputError(InputIssue(
            file: "oncall \(command)", message: "is a daemon command: run `oncalld \(command) …`",
            hint: "build it with `swift build --product oncalld` (or `swift run oncalld \(command) …`)"))
    }
}
