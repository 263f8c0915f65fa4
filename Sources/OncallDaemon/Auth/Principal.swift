// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// Who is calling, from their bearer token.
public struct Principal: Sendable, Equatable {
    public enum Role: String, Decodable, Sendable {
        case admin, facility, responder
        /// A call centre: looks up patients, sees and starts the chain, follows escalations, in its districts.
        case callCentre = "call_centre"
    }
    public var role: Role
    public var facility: String?
    public var member: String?
    /// For a call centre: the districts it serves; nil for the whole region.
    public var districts: Set<String>?
    /// The name the audit log records.
    public var actor: String

    public init(role: Role, facility: String? = nil, member: String? = nil, districts: Set<String>? = nil, actor: String) {
        self.role = role
        self.facility = facility
        self.member = member
        self.districts = districts
        self.actor = actor
    }

    /// Whether this principal acts for `facility`'s patients: an admin for all, a facility for its own, a
    /// call centre for those of its districts.
    public func actsFor(_ facility: Facility) -> Bool {
        switch role {
        case .admin: true
        case .facility: self.facility == facility.id
        case .callCentre: districts.map { d in facility.district.map(d.contains) ?? false } ?? true
        case .responder: false
        }
    }
}
