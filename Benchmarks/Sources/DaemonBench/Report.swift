// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Percentiles of latencies in nanoseconds; a request that never completed counts as infinitely slow.
struct Percentiles {
    var count: Int
    var missing: Int
    private var sorted: [UInt64]

    init(_ samples: [UInt64?]) {
        sorted = samples.compactMap { $0 }.sorted()
        count = samples.count
        missing = samples.count - sorted.count
    }

    /// Nearest rank; nil when the rank falls on a request that never completed.
    func value(_ p: Double) -> UInt64? {
        guard count > 0 else { return nil }
        let rank = Swift.max(1, Int((p / 100 * Double(count)).rounded(.up)))
        return rank <= sorted.count ? sorted[rank - 1] : nil
    }

    var max: UInt64? { missing > 0 ? nil : sorted.last }
    var median: UInt64? { value(50) }
}

/// A target of the issue, checked against one figure.
struct Target {
    var text: String
    var limitNanoseconds: UInt64

    func met(_ value: UInt64?) -> Bool { value.map { $0 <= limitNanoseconds } ?? false }
}

/// One line of the result table.
struct Row {
    var measure: String
    var rate: String
    var n: String
    var p50: String
    var p90: String
    var p99: String
    var max: String
    var failures: String
    var target: String
    var met: String

    static let titles = ["measure", "rate", "n", "p50", "p90", "p99", "max", "errors/lost", "target", "met"]
    var cells: [String] { [measure, rate, n, p50, p90, p99, max, failures, target, met] }

    /// A latency line judged on its p99.
    init(measure: String, rate: String, stats: Percentiles, failures: String, target: Target?) {
        self.measure = measure
        self.rate = rate
        self.n = String(stats.count)
        self.p50 = ms(stats.value(50))
        self.p90 = ms(stats.value(90))
        self.p99 = ms(stats.value(99))
        self.max = ms(stats.max)
        self.failures = failures
        self.target = target?.text ?? "—"
        self.met = target.map { $0.met(stats.value(99)) ? "yes" : "NO" } ?? "—"
    }

    init(measure: String, rate: String, n: String, p50: String, p90: String, p99: String, max: String, failures: String, target: String, met: String) {
        self.measure = measure
        self.rate = rate
        self.n = n
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
        self.failures = failures
        self.target = target
        self.met = met
    }
}

/// Milliseconds with the precision that matters at that size; "∞" for a request that never completed.
func ms(_ nanoseconds: UInt64?) -> String {
    guard let nanoseconds else { return "∞" }
    let v = Double(nanoseconds) / 1e6
    switch v {
    case ..<10: return String(format: "%.2f ms", v)
    case ..<100: return String(format: "%.1f ms", v)
    default: return String(format: "%.0f ms", v)
    }
}

/// The table as fixed-width text, and as CSV.
struct ResultTable {
    var rows: [Row] = []

    func text() -> String {
        let all = [Row.titles] + rows.map(\.cells)
        let widths = Row.titles.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 || c >= 8 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(Row.titles), rule] + rows.map { line($0.cells) }).joined(separator: "\n")
    }

    func csv(machine: Machine) -> String {
        func quote(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        let head = (["date", "cores", "cpu"] + Row.titles).joined(separator: ",")
        let lines = rows.map { row in ([machine.date, String(machine.cores), machine.cpu] + row.cells).map(quote).joined(separator: ",") }
        return ([head] + lines).joined(separator: "\n") + "\n"
    }
}

/// What the figures were measured on.
struct Machine {
    var date: String
    var cores: Int
    var cpu: String
    var memory: String

    static func read() -> Machine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?" } ?? "?"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let kib = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return Machine(
            date: formatter.string(from: Date()), cores: ProcessInfo.processInfo.activeProcessorCount, cpu: model,
            memory: kib.map { String(format: "%.0f GiB", $0 / 1_048_576) } ?? "?")
    }

    /// The 1, 5 and 15 minute load averages.
    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
