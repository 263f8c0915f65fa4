// SPDX-License-Identifier: GPL-3.0-or-later
import CSV

/// A sheet saved from Excel as CSV whose header names its columns in the user's words: which column holds
/// which field, and each non-empty row with its line. The member list and the patient register read
/// through it, so both report problems the same way: the file, the line, the column and its header.
struct SheetTable<Field: Hashable & RawRepresentable> where Field.RawValue == String {
    let file: String
    let header: [String]
    /// The 0-based column of each field the header names.
    let columns: [Field: Int]
    /// Header cells that name no field.
    let ignored: [String]
    private let reader: CSVReader
    private var line = 1

    /// One row of the sheet.
    struct Row {
        /// The 1-based line of the file.
        let line: Int
        fileprivate let cells: [String]
        fileprivate let table: SheetTable

        /// The cell of `field`, nil when the sheet has no such column or the cell is empty.
        func cell(_ field: Field) -> String? {
            guard let i = table.columns[field], i < cells.count, !cells[i].isEmpty else { return nil }
            return cells[i]
        }

        /// A problem with this row's `field`, at its column under the header the sheet gave it.
        func issue(_ field: Field, _ message: String, _ hint: String? = nil) -> InputIssue {
            let column = table.columns[field]
            return InputIssue(
                file: table.file, line: line, column: column.map { $0 + 1 }, field: column.map { table.header[$0] } ?? field.rawValue,
                message: message, hint: hint)
        }
    }

    /// Reads the header: a field named by two columns, or a `required` field named by none, is an error
    /// (`missingHint` says what to write for a missing one, given the header as read).
    init(
        _ text: String, file: String, match: (String) -> Field?, required: [Field], readHint: String? = nil,
        missingHint: (Field, [String]) -> String
    ) throws(InputError) {
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw InputError(InputIssue(file: file, line: 1, message: "cannot be read as CSV: \(error)", hint: readHint))
        }
        let header = reader.headerRow ?? []
        var columns: [Field: Int] = [:]
        var ignored: [String] = []
        var issues: [InputIssue] = []
        for (i, cell) in header.enumerated() {
            guard let field = match(cell) else {
                if !cell.isEmpty { ignored.append(cell) }
                continue
            }
            if let first = columns[field] {
                issues.append(InputIssue(
                    file: file, line: 1, column: i + 1, field: cell,
                    message: "names the same thing (\(field.rawValue)) as column \(first + 1) \"\(header[first])\"",
                    hint: "keep one of the two columns"))
            } else {
                columns[field] = i
            }
        }
        for field in required where columns[field] == nil {
            issues.append(InputIssue(
                file: file, line: 1, field: field.rawValue, message: "the header has no \(field.rawValue) column", hint: missingHint(field, header)))
        }
        if !issues.isEmpty { throw InputError(issues) }
        self.file = file
        self.header = header
        self.columns = columns
        self.ignored = ignored
    }

    /// The next row with anything in it, or nil at the end of the sheet.
    mutating func next() -> Row? {
        while let cells = reader.next() {
            line += 1
            if cells.allSatisfy({ $0.isEmpty }) { continue }
            return Row(line: line, cells: cells, table: self)
        }
        return nil
    }
}
