// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import LinearModel
import OncallCalendar
import RosterModel
import RosterSolver

/// What `roster solve` tells its user: a summary on the terminal, the same in JSON.
struct SolveReport {
    let solution: RosterSolution
    let month: RosterMonth
    let threads: Int
    /// The `--gap` the user asked for, as a fraction: "optimal" then means "within it".
    var requestedGap: Double = 0

    var network: Network { month.network }

    func summaryText() -> String {
        var lines: [String] = []
        lines.append("\(network.name) — roster for \(month.month)")
        let statusText: String
        if solution.status == .optimal {
            statusText = requestedGap > 0 ? "within the requested gap of \(format(requestedGap * 100)) % (proven)" : "optimal (proven)"
        } else {
            statusText = "feasible, not proven optimal (gap \(format((solution.relativeGap ?? 1) * 100)) %)"
        }
        lines.append("status     \(statusText)")
        let objective = solution.objective.map { format($0) } ?? "—"
        let bound = solution.bound.map { format($0) } ?? "—"
        let gap = solution.relativeGap.map { format($0 * 100) + " %" } ?? "—"
        lines.append("objective  \(objective)   bound \(bound)   gap \(gap)")
        lines.append("time       \(format(solution.elapsed.seconds)) s  (\(solution.components.count) independent part\(solution.components.count == 1 ? "" : "s"), \(threads) thread\(threads == 1 ? "" : "s"))")
        if let measures = solution.measures {
            lines.append("")
            lines.append(pad("pool", 18) + pad("shifts", 8, right: true) + pad("duties", 8, right: true) + pad("spread", 9, right: true) + pad("min", 9, right: true) + pad("max", 9, right: true) + pad("members", 9, right: true))
            for (p, pool) in measures.pools.enumerated() {
                let shifts = month.poolShifts.filter { $0.pool == p }.count
                let duties = solution.roster?.assignments.filter { $0.pool == pool.pool }.count ?? 0
                lines.append(
                    pad(pool.pool, 18) + pad("\(shifts)", 8, right: true) + pad("\(duties)", 8, right: true)
                        + pad(format(pool.spread), 9, right: true) + pad(format(pool.minimum), 9, right: true)
                        + pad(format(pool.maximum), 9, right: true) + pad("\(pool.memberCount)", 9, right: true))
            }
            let requested = network.members.reduce(0) { $0 + ($1.preferOff.isEmpty ? 0 : 1) }
            lines.append("")
            lines.append("requests not honoured: \(measures.requestsBroken) (of \(requested) members with prefer_off days)")
        }
        if !solution.uncovered.isEmpty {
            lines.append("")
            let missing = solution.uncovered.reduce(0) { $0 + $1.missing }
            lines.append("UNCOVERED (\(missing) \(missing == 1 ? "duty" : "duties"); --allow-gaps):")
            for slot in solution.uncovered { lines.append("  " + slot.description) }
        }
        return lines.joined(separator: "\n")
    }

    func infeasibleText() -> String {
        var lines = ["No roster for \(month.month): it cannot be covered under every hard rule."]
        guard let report = solution.infeasibility else { return lines[0] }
        lines.append("pools: \(report.pools.joined(separator: ", "))")
        if !report.slots.isEmpty {
            lines.append("duties that cannot be filled:")
            for slot in report.slots.prefix(20) { lines.append("  " + slot.description) }
            if report.slots.count > 20 { lines.append("  … and \(report.slots.count - 20) more") }
        }
        if report.conflictingRules.isEmpty {
            lines.append("cause: days off and required skills alone leave too few members (no rule in rules: is to blame).")
            lines.append("what to do: move a day off, add members to the pool, or lower primary/backup for these shifts.")
        } else {
            lines.append("rules in conflict: \(report.conflictingRules.map(\.rawValue).joined(separator: " + ")) (together with coverage, days off and skills)")
            if !report.relaxingAnyOneHelps.isEmpty {
                lines.append("relaxing any one of \(report.relaxingAnyOneHelps.map(\.rawValue).joined(separator: ", ")) would make the month possible.")
            }
            lines.append("what to do: move a day off, add members to the pool, or relax one of these rules under rules: in the network file.")
        }
        return lines.joined(separator: "\n")
    }

    func timeLimitText(seconds: Double) -> String {
        let missing = solution.components.filter { $0.objective == nil }.flatMap(\.pools)
        return "No roster for \(month.month) within \(format(seconds, digits: 0)) s: no roster found yet for pool\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")). Give more time with --time-limit, or check the month with --allow-gaps."
    }

    // MARK: - JSON

    struct JSONReport: Encodable {
        struct Pool: Encodable { var id: String; var spread, min, max: Double; var members: Int }
        struct Member: Encodable {
            var id: String; var load, normalized_load, history: Double; var primary, backup, requests_broken: Int
        }
        struct Part: Encodable {
            var pools: [String]; var members, variables, constraints: Int; var status: String
            var objective, bound, heuristic_objective: Double?; var seconds: Double
        }
        struct Uncovered: Encodable { var date, shift, pool, tier: String; var missing: Int; var reasons: [String: String] }
        var network: String
        var month: String
        var status: String
        var objective, bound, gap: Double?
        var seconds: Double
        var pools: [Pool]
        var members: [Member]
        var parts: [Part]
        var uncovered: [Uncovered]
        var assignments: [Assignment]
    }

    func json() throws -> String {
        let measures = solution.measures
        let report = JSONReport(
            network: network.name, month: month.month.description, status: solution.status.rawValue, objective: solution.objective,
            bound: solution.bound, gap: solution.relativeGap, seconds: solution.elapsed.seconds,
            pools: (measures?.pools ?? []).map { .init(id: $0.pool, spread: $0.spread, min: $0.minimum, max: $0.maximum, members: $0.memberCount) },
            members: (measures?.members ?? []).map {
                .init(id: $0.member, load: $0.load, normalized_load: $0.normalized, history: $0.history, primary: $0.primary, backup: $0.backup, requests_broken: $0.requestsBroken)
            },
            parts: solution.components.map {
                .init(pools: $0.pools, members: $0.members, variables: $0.variables, constraints: $0.constraints, status: $0.status.rawValue,
                      objective: $0.objective, bound: $0.bound, heuristic_objective: $0.heuristicObjective, seconds: $0.seconds)
            },
            uncovered: solution.uncovered.map {
                .init(date: $0.date, shift: $0.shift, pool: $0.pool, tier: $0.tier.rawValue, missing: $0.missing,
                      reasons: Dictionary($0.reasons.map { ($0.member, $0.reason) }, uniquingKeysWith: { a, _ in a }))
            },
            assignments: solution.roster?.assignments ?? [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(data: try encoder.encode(report), encoding: .utf8)! + "\n"
    }
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let count = text.count
    guard count < width else { return text + " " }
    let space = String(repeating: " ", count: width - count)
    return right ? space + text : text + space
}
