// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// `--history FILE`: the loads members carry in from earlier months, read from a fairness report
/// (`oncall fairness --format json`, or the yearly `year-fairness.json`): its top-level
/// `"history": {"member": load}` object.
enum HistoryFile {
    /// Replaces the network's history with the file's: a report lists every member, so a member
    /// it leaves out carries nothing.
    static func apply(_ path: String, to network: inout Network) throws(InputError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(InputIssue(file: path, field: "--history", message: "no such file", hint: "give the JSON that oncall fairness --format json or roster solve-year wrote"))
        }
        let object = try? JSONSerialization.jsonObject(with: data)
        guard let top = object as? [String: Any] else {
            throw InputError(InputIssue(file: path, line: 1, message: "is not a JSON object", hint: "give the JSON that oncall fairness --format json or roster solve-year wrote"))
        }
        guard let entries = top["history"] as? [String: Any] else {
            throw InputError(InputIssue(
                file: path, field: "history", message: "has no \"history\" object of member loads",
                hint: "write the previous month's report with oncall fairness … --format json, or add \"history\": {\"member-id\": load}"))
        }
        var history: [String: Double] = [:]
        var issues: [InputIssue] = []
        for (id, value) in entries.sorted(by: { $0.key < $1.key }) {
            let load = (value as? Double) ?? (value as? Int).map(Double.init) ?? (value as? NSNumber)?.doubleValue
            guard let load, !(value is String), load.isFinite, load >= 0 else {
                issues.append(InputIssue(file: path, field: "history.\(id)", message: "is not a load (a number ≥ 0)", hint: "write a number such as 12.5"))
                continue
            }
            if network.memberIndex[id] == nil {
                // Members leave associations; their past load says nothing about this month.
                Console.error("\(path): history.\(id): no such member in the network; ignored")
                continue
            }
            history[id] = load
        }
        if !issues.isEmpty { throw InputError(issues) }
        network.history = history
    }
}
