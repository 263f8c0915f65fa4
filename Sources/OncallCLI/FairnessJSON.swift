// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// `oncall fairness --format json`: the report as data. `history` holds each member's load at
/// the end of the period, once per member, so the file can be given as `--history` next month.
struct FairnessJSON: Encodable {
    struct Pool: Encodable {
        var id, name: String
        var members: Int
        var spread, stddev, gini, jain, min, max, normalized_target, total_load: Double
        var requests, requests_honoured: Int
        var request_satisfaction: Double?
    }
    struct Member: Encodable {
        var id, name, pool: String
        var fte, history, load, normalized_load, target, normalized_target, deviation: Double
        var primary, backup, nights, weekend_holiday, year_end, longest_run: Int
        var shortest_gap: Int?
        var requests, requests_honoured: Int
    }
    struct Broken: Encodable {
        var rule, message: String
        /// CSV lines of the duties involved, when the roster came from a file.
        var lines: [Int]
    }
    var network: String
    var months: [String]
    var pools: [Pool]
    var members: [Member]
    var history: [String: Double]
    var violations: [Broken]

    init(_ report: FairnessReport, network: String, lines: [Int]? = nil) {
        self.network = network
        self.months = report.months.map(\.description)
        self.pools = report.pools.map { p in
            Pool(
                id: p.pool, name: p.name, members: p.memberCount, spread: r(p.spread), stddev: r(p.standardDeviation), gini: r(p.gini),
                jain: r(p.jain), min: r(p.minimum), max: r(p.maximum), normalized_target: r(p.normalizedTarget),
                total_load: r(p.totalLoad), requests: p.requests, requests_honoured: p.requestsHonoured,
                request_satisfaction: p.requestSatisfaction.map(r))
        }
        self.members = report.members.map { m in
            Member(
                id: m.member, name: m.name, pool: m.pool, fte: m.fte, history: r(m.history), load: r(m.load),
                normalized_load: r(m.normalizedLoad), target: r(m.target), normalized_target: r(m.normalizedTarget),
                deviation: r(m.deviation), primary: m.primary, backup: m.backup, nights: m.nights, weekend_holiday: m.weekendHoliday,
                year_end: m.yearEnd, longest_run: m.longestRun, shortest_gap: m.shortestGap, requests: m.requests,
                requests_honoured: m.requestsHonoured)
        }
        self.history = report.history.mapValues(r)
        self.violations = report.violations.map { v in
            Broken(rule: v.rule.rawValue, message: v.message, lines: lines.map { l in v.assignments.map { l[$0] }.sorted() } ?? [])
        }
    }

    func text() throws -> String {
        String(data: try FairnessJSON.encoder.encode(self), encoding: .utf8)! + "\n"
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Two reports and, per pool and per member row, B − A of every figure.
    static func comparison(_ a: FairnessJSON, _ b: FairnessJSON, files: (String, String)) throws -> String {
        func object(_ value: some Encodable) throws -> Any { try JSONSerialization.jsonObject(with: encoder.encode(value)) }
        let pools = try difference(object(a.pools), object(b.pools), keys: ["id"])
        let members = try difference(object(a.members), object(b.members), keys: ["id", "pool"])
        let whole: [String: Any] = [
            "a": ["file": files.0, "report": try object(a)],
            "b": ["file": files.1, "report": try object(b)],
            "difference": ["pools": pools, "members": members],
        ]
        let data = try JSONSerialization.data(withJSONObject: whole, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(data: data, encoding: .utf8)! + "\n"
    }

    /// Matches rows by their keys and subtracts every number (B − A).
    private static func difference(_ a: Any, _ b: Any, keys: [String]) -> [[String: Any]] {
        let rowsA = a as? [[String: Any]] ?? [], rowsB = b as? [[String: Any]] ?? []
        func id(_ row: [String: Any]) -> [String] { keys.map { "\(row[$0] ?? "")" } }
        let byID = Dictionary(rowsB.map { (id($0), $0) }, uniquingKeysWith: { x, _ in x })
        return rowsA.compactMap { row in
            guard let other = byID[id(row)] else { return nil }
            var result: [String: Any] = [:]
            for key in keys { result[key] = row[key] }
            for (key, value) in row where !keys.contains(key) {
                if let x = number(value), let y = number(other[key]) {
                    result[key] = r(y - x)
                }
            }
            return result
        }
    }
}

private func number(_ value: Any?) -> Double? {
    if value is String { return nil }
    if let d = value as? Double { return d }
    if let i = value as? Int { return Double(i) }
    return (value as? NSNumber)?.doubleValue
}

/// Rounded to 1e-6: loads are sums of weights like 0.5, and 0.30000000000000004 helps no one.
private func r(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
