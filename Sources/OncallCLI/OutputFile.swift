// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// Writes a command's output file; a directory that does not exist is bad input, not a crash.
func writeOutput(_ data: Data, to path: String) throws {
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw InputError(InputIssue(file: path, message: "cannot be written: \(error.localizedDescription)", hint: "check that its directory exists and is writable"))
    }
}
