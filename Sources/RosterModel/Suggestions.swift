// SPDX-License-Identifier: GPL-3.0-or-later

/// "did you mean" hints, each unknown value's searched for once: a file repeats the same wrong id
/// on many rows, and one search compares it with every id of the network.
struct Suggestions {
    private var known: [Key: String] = [:]

    private struct Key: Hashable {
        var field: String
        var value: String
    }

    /// The hint for `value`, unknown in `field`, among the ids that field takes.
    mutating func hint(_ value: String, in field: String, among ids: some Collection<String>) -> String {
        let key = Key(field: field, value: value)
        if let hint = known[key] { return hint }
        let hint = suggestion(for: value, among: ids) ?? "use an id from the network file"
        known[key] = hint
        return hint
    }
}
