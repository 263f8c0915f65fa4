// SPDX-License-Identifier: GPL-3.0-or-later

/// Text a spreadsheet opens as text, never as a formula.
public enum SpreadsheetCell {
    /// The cell as text Excel will not run: names come from member sheets anyone could have typed
    /// into, and a cell starting `=`, `+`, `-`, `@`, tab or CR is a formula to Excel
    /// (`=HYPERLINK(…)` sends a click elsewhere). A leading `'` makes it text, as OWASP advises.
    public static func inert(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        return "'" + cell
    }
}
