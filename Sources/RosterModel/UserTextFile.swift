// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Reads a UTF-8 text file the user named, without a byte-order mark (Excel's "CSV UTF-8" adds
/// one), or says in an `InputError` why it cannot be read and what to do.
package enum UserTextFile {
    package static func read(_ path: String, whatItIs hint: String, saveAs: String) throws(InputError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if exists && isDirectory.boolValue {
                throw InputError(InputIssue(file: path, message: "is a folder, not a file", hint: hint))
            }
            throw InputError(InputIssue(
                file: path, message: exists ? "cannot read the file" : "no such file",
                hint: exists ? "check its permissions" : hint))
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw InputError(InputIssue(file: path, message: "is not UTF-8 text", hint: "save the file as \(saveAs)"))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }
}
