// SPDX-License-Identifier: GPL-3.0-or-later
import CSV
import Foundation
import RosterModel

/// CSV that Excel in Japan opens without mojibake: UTF-8 with a byte-order mark (without it Excel
/// assumes Shift_JIS) and CRLF line ends; no cell is a formula.
enum ExcelCSV {
    static func data(_ rows: [[String]]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try writer.write(row: row.map(SpreadsheetCell.inert)) }
        stream.close()
        let body = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(body)
        if !body.isEmpty { data.append(contentsOf: [0x0D, 0x0A]) }
        return data
    }
}
