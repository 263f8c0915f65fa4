// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members", abstract: "Bring member lists in from spreadsheets.", subcommands: [MembersImportCommand.self])
}
