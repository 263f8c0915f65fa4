// SPDX-License-Identifier: GPL-3.0-or-later

/// One public holiday in Japan: a national holiday (祝日), a substitute holiday (振替休日) or a
/// citizens' holiday (国民の休日). For rostering all three are days off.
///
/// `name` is the Japanese name: the holiday's own name for a 祝日 (`"元日"`, `"春分の日"`,
/// `"天皇の即位の日"` …), `"振替休日"` for every substitute holiday and `"国民の休日"` for every
/// citizens' holiday. It encodes as `{"date": "YYYY-MM-DD", "name": "…"}`.
public struct Holiday: Hashable, Sendable, Codable, CustomStringConvertible {
    public let date: CivilDate
    public let name: String

    public init(date: CivilDate, name: String) {
        self.date = date
        self.name = name
    }

    /// `YYYY-MM-DD name`, e.g. `2026-05-06 振替休日`.
    public var description: String { "\(self.date) \(self.name)" }
}
