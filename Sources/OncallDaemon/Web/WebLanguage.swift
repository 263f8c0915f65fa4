// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

extension ReportLanguage {
    /// The language of a page: `?lang=ja|en` first, then the browser's Accept-Language (the first of
    /// Japanese or English it prefers), and Japanese when neither says.
    static func negotiate(query: String?, acceptLanguage: String?) -> (language: ReportLanguage, fromQuery: Bool) {
        if let query, let chosen = ReportLanguage(rawValue: query.lowercased()) { return (chosen, true) }
        guard let acceptLanguage else { return (.ja, false) }
        // "en-US,en;q=0.9,ja;q=0.8": the highest q wins, the earlier one on a tie.
        var best: (q: Double, language: ReportLanguage)?
        for item in acceptLanguage.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, let primary = tag.split(separator: "-").first,
                let language = ReportLanguage(rawValue: primary.lowercased())
            else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if q > 0, q > (best?.q ?? 0) { best = (q, language) }
        }
        return (best?.language ?? .ja, false)
    }
}
