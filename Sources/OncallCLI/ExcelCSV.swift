// SPDX-License-Identifier: GPL-3.0-or-later
import CSV
import Foundation

/// CSV that Excel in Japan opens without mojibake: UTF-8 with a byte-order mark (without it Excel
/// assumes Shift_JIS) and CRLF line ends; no cell is a formula.
enum ExcelCSV {
    static func data(_ rows: [[String]]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try writer.write(row: row.map(inert)) }
        stream.close()
        let body = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(body)
        if !body.isEmpty { data.append(contentsOf: [0x0D, 0x0A]) }
        return data
    }

    /// The cell as text Excel will not run: names come from member sheets anyone could have typed
    /// into, and a cell starting `=`, `+`, `-`, `@`, tab or CR is a formula to Excel
    /// (`=HYPERLINK(…)` sends a click elsewhere). A leading `'` makes it text, as OWASP advises.
    static func inert(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        return "'" + cell
    }
}
