// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto
import Foundation
import RosterModel

/// The config's bearer tokens and the principal each stands for.
///
/// Requests are authenticated by middleware on route groups (`BearerAuthenticator`, `WebViewerAuthenticator`)
/// and authorised by `RoleGuard`; handlers read the principal from the request context.
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
    static func tokenHash(_ token: String) -> String { Hex.lowercase(SHA256.hash(data: Data(token.utf8))) }

    /// The principal the config gives to `token`; nil for a token it does not know.
    func principal(token: String) -> Principal? { grants[token.trimmingCharacters(in: .whitespaces)] }

    /// The principal the config gives now to the token whose SHA-256 is `tokenHash`; nil once it is taken out.
    func principal(tokenHash: String) -> Principal? { grantsByHash[tokenHash] }
}
