// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import RosterModel

/// One benchmark case: a network and the month to roster.
struct Instance: Sendable {
    enum Source: Sendable {
        /// A network file of the repository, relative to its root.
        case file(String)
        case generated(NetworkGenerator)
    }

    var name: String
    var source: Source
    var month: YearMonth

    /// `name@YYYY-MM`, unique in a set.
    var key: String { "\(name)@\(month)" }

    /// The default set: the two samples in three hard months (year-end, New Year, Golden Week)
    /// and generated districts of growing size.
    static func defaultSet() -> [Instance] {
        let months = ["2026-12", "2027-01", "2027-05"].map { YearMonth($0)! }
        var set: [Instance] = []
        for sample in ["rural", "city"] {
            for month in months { set.append(Instance(name: sample, source: .file("Samples/\(sample).yaml"), month: month)) }
        }
        let genMonth = YearMonth("2026-12")!
        for (k, n) in [(1, 10), (1, 40), (6, 10), (6, 40), (1, 80)] {
            let generator = NetworkGenerator(districts: k, physicians: n, month: genMonth)
            set.append(Instance(name: generator.name, source: .generated(generator), month: genMonth))
        }
        return set
    }

    /// Selects by `--only`: each pattern matches an instance name (`city`, `gen-6x40`) or a key
    /// (`city@2027-01`); several may be given, comma-separated.
    static func select(_ all: [Instance], only: [String]) -> [Instance] {
        let patterns = only.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        guard !patterns.isEmpty else { return all }
        return all.filter { instance in patterns.contains { $0 == instance.name || $0 == instance.key } }
    }
}

/// An instance read and ready to solve: its YAML on disk (the CLI reads a file) and parsed.
struct PreparedInstance: Sendable {
    var instance: Instance
    var path: String
    var network: Network
    var month: RosterMonth

    static func prepare(_ instance: Instance, root: URL, scratch: URL) throws -> PreparedInstance {
        switch instance.source {
        case .file(let relative):
            let path = root.appendingPathComponent(relative).path
            let network = try NetworkLoader.load(path: path)
            return PreparedInstance(instance: instance, path: path, network: network, month: RosterMonth(network: network, month: instance.month))
        case .generated(let generator):
            let text = generator.yaml()
            let path = scratch.appendingPathComponent("\(generator.name).yaml").path
            // Parsed here first: a generator bug shows as a clear input error, not a solver failure.
            let network = try NetworkLoader.parse(text, file: path)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return PreparedInstance(instance: instance, path: path, network: network, month: RosterMonth(network: network, month: instance.month))
        }
    }
}
