// SPDX-License-Identifier: GPL-3.0-or-later
import Yams

/// Reads typed fields out of a composed YAML document, collecting an `InputIssue` (with line,
/// column and field path) for every value that is missing, mistyped or unknown.
///
/// Walking nodes instead of decoding with `Codable` is what lets every error name its line, and
/// lets unknown keys (a typo such as `max_duty`) be reported instead of silently ignored.
package final class YAMLIssueCollector {
    package let file: String
    package private(set) var issues: [InputIssue] = []

    package init(file: String) { self.file = file }

    package func report(_ node: Node?, _ path: String?, _ message: String, hint: String? = nil) {
        issues.append(
            InputIssue(file: file, line: node?.mark?.line, column: node?.mark?.column, field: path, message: message, hint: hint))
    }
}

/// A mapping node and its path, with typed accessors.
package struct YAMLFields {
    package let node: Node
    package let mapping: Node.Mapping
    package let path: String
    package let issues: YAMLIssueCollector

    package init?(_ node: Node, path: String, issues: YAMLIssueCollector) {
        guard let mapping = node.mapping else {
            issues.report(node, path.isEmpty ? nil : path, "expected a mapping of fields (key: value)")
            return nil
        }
        self.node = node
        self.mapping = mapping
        self.path = path
        self.issues = issues
    }

    package func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of a key, compared as plain text. Yams' own subscript resolves keys by YAML 1.1
    /// tags, so a quoted "on" or "off" (as every JSON file has) would never match.
    package subscript(key: String) -> Node? {
        mapping.first { $0.key.scalar?.string == key }?.value
    }

    /// Reports keys this object does not know, suggesting the nearest known one.
    package func rejectUnknownKeys(_ known: Set<String>) {
        for (keyNode, _) in mapping {
            guard let key = keyNode.string else { continue }
            if !known.contains(key) {
                let suggestion = known.min { editDistance($0, key) < editDistance($1, key) }
                let hint = suggestion.flatMap { editDistance($0, key) <= 3 ? "did you mean \"\($0)\"?" : nil }
                    ?? "known fields here: \(known.sorted().joined(separator: ", "))"
                issues.report(keyNode, childPath(key), "unknown field", hint: hint)
            }
        }
    }

    package func string(_ key: String, required: Bool = false) -> String? {
        guard let value = self[key] else {
            if required { issues.report(node, childPath(key), "missing", hint: "add \(key): to \(path.isEmpty ? "the top level" : path)") }
            return nil
        }
        guard let scalar = value.scalar, !isNull(value) else {
            issues.report(value, childPath(key), isNull(value) ? "has no value" : "expected a single value, not a list or mapping")
            return nil
        }
        let text = scalar.string
        if required && text.isEmpty {
            issues.report(value, childPath(key), "must not be empty")
            return nil
        }
        return text
    }

    package func double(_ key: String, required: Bool = false, range: ClosedRange<Double>? = nil) -> Double? {
        guard let text = string(key, required: required) else { return nil }
        guard let value = Double(text), value.isFinite else {
            issues.report(self[key], childPath(key), "expected a number, got \"\(text)\"")
            return nil
        }
        if let range, !range.contains(value) {
            issues.report(self[key], childPath(key), "\(text) is out of range", hint: "use a value from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    package func int(_ key: String, required: Bool = false, range: ClosedRange<Int>? = nil) -> Int? {
        guard let text = string(key, required: required) else { return nil }
        guard let value = Int(text) else {
            issues.report(self[key], childPath(key), "expected a whole number, got \"\(text)\"")
            return nil
        }
        if let range, !range.contains(value) {
            issues.report(self[key], childPath(key), "\(text) is out of range", hint: "use a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    package func bool(_ key: String) -> Bool? {
        guard let text = string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            issues.report(self[key], childPath(key), "expected true or false, got \"\(text)\"")
            return nil
        }
    }

    /// A list of text values; a single scalar is accepted as a one-element list.
    package func strings(_ key: String) -> [(String, Node)]? {
        guard let value = self[key] else { return nil }
        if let sequence = value.sequence {
            var result: [(String, Node)] = []
            for (i, item) in sequence.enumerated() {
                guard let s = item.scalar?.string else {
                    issues.report(item, "\(childPath(key))[\(i)]", "expected a text value")
                    continue
                }
                result.append((s, item))
            }
            return result
        }
        if let s = value.scalar?.string {
            if isNull(value) { return [] }
            return [(s, value)]
        }
        issues.report(value, childPath(key), "expected a list, e.g. [a, b]")
        return nil
    }

    package func fields(_ key: String) -> YAMLFields? {
        guard let value = self[key] else { return nil }
        return YAMLFields(value, path: childPath(key), issues: issues)
    }

    /// The items of a list of mappings, each with its indexed path.
    package func list(_ key: String, required: Bool = false) -> [YAMLFields] {
        guard let value = self[key] else {
            if required { issues.report(node, childPath(key), "missing", hint: "add a \(key): list") }
            return []
        }
        guard let sequence = value.sequence else {
            issues.report(value, childPath(key), "expected a list")
            return []
        }
        return sequence.enumerated().compactMap { YAMLFields($1, path: "\(childPath(key))[\($0)]", issues: issues) }
    }

    /// Reports a problem with a field's value (or, when the field is absent, with this object).
    package func report(_ key: String?, _ message: String, hint: String? = nil) {
        let target = key.flatMap { self[$0] } ?? node
        issues.report(target, key.map(childPath) ?? path, message, hint: hint)
    }
}

/// A plain `~`, `null` or empty scalar: YAML's "no value".
package func isNull(_ node: Node) -> Bool {
    guard let scalar = node.scalar, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
}

/// Levenshtein distance, for "did you mean" hints on short keys and ids.
package func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

/// "did you mean" for an unknown id among known ones.
public func suggestion(for id: String, among known: some Collection<String>) -> String? {
    // One distance per known id (`min(by:)` over distances computed two per comparison).
    var best: (id: String, distance: Int)?
    for candidate in known {
        let distance = editDistance(candidate, id)
        if distance < best?.distance ?? Int.max { best = (candidate, distance) }
    }
    guard let best, best.distance <= 3 else { return nil }
    return "did you mean \"\(best.id)\"?"
}
