// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto
import Foundation
import Hummingbird
import HTTPTypes
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

/// Maps bearer tokens to principals; 401 without a known token, 403 outside its role.
public struct TokenAuthority: Sendable {
    let grants: [String: Principal]
    /// The same principals by SHA-256 of their token: what a web session keeps and looks up by.
    let grantsByHash: [String: Principal]

    public init(adminToken: String?, grants: [TokenGrant]) {
        var map: [String: Principal] = [:]
        for g in grants {
            let scope = g.facility.map { ":\($0)" } ?? g.member.map { ":\($0)" } ?? g.districts.map { ":" + $0.sorted().joined(separator: "+") } ?? ""
            map[g.token] = Principal(
                role: g.role, facility: g.facility, member: g.member, districts: g.districts, actor: g.name ?? "\(g.role.rawValue)\(scope)")
        }
        if let adminToken, !adminToken.isEmpty { map[adminToken] = Principal(role: .admin, actor: "admin") }
        self.grants = map
        self.grantsByHash = Dictionary(uniqueKeysWithValues: map.map { (Self.tokenHash($0.key), $0.value) })
    }

    /// Lowercase hex SHA-256 of a token.
    static func tokenHash(_ token: String) -> String { hex(SHA256.hash(data: Data(token.utf8))) }

    /// The principal the config gives now to the token whose SHA-256 is `tokenHash`; nil once it is taken out.
    func principal(tokenHash: String) -> Principal? { grantsByHash[tokenHash] }

    public func principal(_ request: Request) throws -> Principal {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw HTTPError(.unauthorized, message: "Authorization: Bearer TOKEN is required")
        }
        guard let p = grants[String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)] else {
            throw HTTPError(.unauthorized, message: "unknown token")
        }
        return p
    }

    /// The principal, if its role is one of `roles`.
    public func require(_ request: Request, _ roles: Principal.Role...) throws -> Principal {
        let p = try principal(request)
        guard roles.contains(p.role) else { throw HTTPError(.forbidden, message: "a \(p.role.rawValue) token cannot do this") }
        return p
    }
}
