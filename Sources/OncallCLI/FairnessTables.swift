// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel

/// The two tables of a fairness report, as every format shows them.
extension FairnessReport {
    func poolTable() -> ReportTable {
        ReportTable(
            key: "pools",
            columns: [
                "pool", "member_count", "spread", "stddev", "gini", "jain", "min", "max", "normalized_target", "total_load",
                "requests", "requests_honoured", "request_satisfaction",
            ],
            keyColumns: 1,
            rows: pools.map { p in
                [
                    p.pool, "\(p.memberCount)", format(p.spread), format(p.standardDeviation), format(p.gini, digits: 3),
                    format(p.jain, digits: 3), format(p.minimum), format(p.maximum), format(p.normalizedTarget), format(p.totalLoad),
                    "\(p.requests)", "\(p.requestsHonoured)", p.requestSatisfaction.map { format($0 * 100, digits: 1) + "%" } ?? "—",
                ]
            })
    }

    func memberTable() -> ReportTable {
        ReportTable(
            key: "members",
            columns: [
                "member", "pool", "fte", "primary", "backup", "nights", "weekend_holiday", "year_end", "history", "load",
                "normalized_load", "target", "deviation", "longest_run", "shortest_gap", "requests", "requests_honoured",
            ],
            keyColumns: 2,
            rows: members.map { m in
                [
                    m.member, m.pool, format(m.fte), "\(m.primary)", "\(m.backup)", "\(m.nights)", "\(m.weekendHoliday)",
                    "\(m.yearEnd)", format(m.history), format(m.load), format(m.normalizedLoad), format(m.target),
                    signed(m.deviation), "\(m.longestRun)", m.shortestGap.map(String.init) ?? "—", "\(m.requests)",
                    "\(m.requestsHonoured)",
                ]
            })
    }

    var monthsLabel: String {
        guard let first = months.first, let last = months.last else { return "" }
        return first == last ? first.description : "\(first) … \(last)"
    }
}

/// "+1.50", "-0.50", "0.00": a deviation reads better with its sign.
func signed(_ value: Double) -> String {
    let text = format(value)
    return value > 0 && text != format(0) ? "+" + text : (Double(text) == 0 ? format(0) : text)
}
