// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import RosterModel

/// One member on duty, as the API shows them (no contact details).
public struct CoveringMember: Codable, Sendable, Equatable {
    public var member: String
    public var name: String
    public var facility: String
}

/// Who covers one pool's shift on one date, and when that shift runs.
public struct Coverage: Codable, Sendable, Equatable {
    public var pool: String
    /// The date the shift starts on (a night's 02:00 belongs to the evening before).
    public var date: String
    public var shift: String
    public var start: String
    public var end: String
    public var primary: [CoveringMember]
    public var backup: [CoveringMember]
}
