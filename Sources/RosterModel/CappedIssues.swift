// SPDX-License-Identifier: GPL-3.0-or-later

/// A file's problems, row by row, kept up to a limit; the rows beyond it are only counted.
///
/// Messages and hints are built only for the problems kept, so a file of 40,000 bad rows costs
/// dictionary lookups, not 40,000 "did you mean" searches.
struct CappedIssues {
    let file: String
    let limit: Int
    private(set) var issues: [InputIssue] = []
    /// Rows with a problem that is not in `issues`.
    private(set) var moreRows = 0
    private var rowOverflowed = false

    init(file: String, limit: Int) {
        self.file = file
        self.limit = limit
    }

    mutating func report(_ line: Int, _ field: String, _ message: @autoclosure () -> String, _ hint: @autoclosure () -> String? = nil) {
        guard issues.count < limit else {
            rowOverflowed = true
            return
        }
        issues.append(InputIssue(file: file, line: line, field: field, message: message(), hint: hint()))
    }

    /// Closes the row that was being reported.
    mutating func endRow() {
        if rowOverflowed { moreRows += 1 }
        rowOverflowed = false
    }

    /// Every problem kept, and one line for the rest; nil when there were none.
    var error: InputError? {
        guard !issues.isEmpty else { return nil }
        guard moreRows > 0 else { return InputError(issues) }
        let summary = InputIssue(
            file: file, message: "… and \(moreRows) more row\(moreRows == 1 ? "" : "s") with errors",
            hint: "fix the errors above and check again; the rest are most likely the same mistake")
        return InputError(issues + [summary])
    }
}
