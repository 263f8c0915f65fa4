// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// A table of a report, before it is rendered: column keys (CSV headers and label keys) and text
/// cells, so the terminal, CSV and HTML show exactly the same figures.
struct ReportTable: Sendable {
    /// "pools" or "members": the section it is.
    var key: String
    var columns: [String]
    /// The leading columns that identify a row (pool; member and pool): never compared as numbers.
    var keyColumns: Int
    var rows: [[String]]

    /// Aligned text: identifying columns to the left, figures to the right.
    func text(_ language: ReportLanguage = .en) -> String {
        let header = columns.map(language.label)
        let widths = columns.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in pad(cell, widths[c] + 2, right: c >= keyColumns) }.joined()
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// RFC 4180 CSV with the column keys as header.
    func csv() -> String {
        func quote(_ cell: String) -> String {
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        return ([columns] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n")
    }

    /// Two tables of the same shape side by side, in long form: one row per (row, figure) with
    /// the value in A, in B and the difference B − A.
    static func comparing(_ a: ReportTable, _ b: ReportTable) -> ReportTable {
        let keys = Array(a.columns.prefix(a.keyColumns))
        var bRows: [[String]: [String]] = [:]
        for row in b.rows { bRows[Array(row.prefix(b.keyColumns))] = row }
        var rows: [[String]] = []
        for row in a.rows {
            let id = Array(row.prefix(a.keyColumns))
            let other = bRows[id]
            for c in a.keyColumns..<a.columns.count {
                let valueA = row[c], valueB = other?[c] ?? ""
                rows.append(id + [a.columns[c], valueA, valueB, difference(valueA, valueB)])
            }
        }
        return ReportTable(key: a.key, columns: keys + ["metric", "a", "b", "difference"], keyColumns: keys.count + 1, rows: rows)
    }

    /// B − A for figures; "—" when either is not a number; "changed" for differing text.
    private static func difference(_ a: String, _ b: String) -> String {
        if let x = Double(a), let y = Double(b) {
            let decimals = max(decimalCount(a), decimalCount(b))
            let d = y - x
            let text = format(d, digits: decimals)
            return d > 0 ? "+" + text : (Double(text) == 0 ? format(0, digits: decimals) : text)
        }
        return a == b ? "" : "—"
    }

    private static func decimalCount(_ text: String) -> Int {
        text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
    }
}
