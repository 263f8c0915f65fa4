// SPDX-License-Identifier: GPL-3.0-or-later

/// One problem in a file the user gave: where it is, what is wrong, and what to do.
public struct InputIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The field, as a path from the top of the file: `members[3].facility`.
    public var field: String?
    public var message: String
    /// What the user can do about it.
    public var hint: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        var text = location + ": " + (field.map { "\($0): " } ?? "") + message
        if let hint { text += " — " + hint }
        return text
    }
}

/// A file that cannot be used as given: every issue found, not only the first.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var issues: [InputIssue]
    public init(_ issues: [InputIssue]) { self.issues = issues }
    public init(_ issue: InputIssue) { self.issues = [issue] }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
