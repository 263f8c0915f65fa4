// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import OncallStore
import RosterModel

/// Who is looking at a page: a session the login form started, or a bearer token.
///
/// The cookie carries a random 256-bit session id and nothing else. The database keeps the id's SHA-256 and
/// the SHA-256 of the token signed in with (`WebSessionRecord`), so neither a copied cookie nor a copied
/// database is a token. Each request maps the session to the principal the config gives that token now: a
/// token taken out of the config ends its sessions at once, and /logout deletes the session, so a copy of
/// the cookie dies with it. HttpOnly, so no script reads it; SameSite=Strict and the forms' Origin check
/// (`sameOrigin`) keep other sites' forms out; Secure when the daemon's public address is https. The API
/// under /v1 takes bearer tokens only.
enum WebSession {
    static let cookieName = "oncall_session"
    /// How long a login lasts on a device: a month, so a phone at the bedside stays signed in.
    static let lifetime = 30 * 24 * 3600

    enum Viewer {
        case signedIn(Principal)
        /// No token at all, or a cookie whose session has ended or whose token is no longer configured: go to the login form.
        case anonymous
        /// A bearer token that is not known.
        case unknownBearer
    }

    static func viewer(_ request: Request, auth: TokenAuthority, store: any OncallStore, now: Date) async throws -> Viewer {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
            return auth.grants[token].map(Viewer.signedIn) ?? .unknownBearer
        }
        guard let value = request.cookies[cookieName]?.value, !value.isEmpty,
            let session = try await store.session(hash: hash(value), now: now), let p = auth.principal(tokenHash: session.tokenHash)
        else { return .anonymous }
        return .signedIn(p)
    }

    /// Starts a session for `token` (one the config knows) and returns the cookie that carries its id.
    static func start(token: String, store: any OncallStore, now: Date, secure: Bool) async throws -> Cookie {
        var generator = SystemRandomNumberGenerator()
        let id = base64url((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try await store.createSession(
            WebSessionRecord(
                idHash: hash(id), tokenHash: TokenAuthority.tokenHash(token), createdAt: now, expiresAt: now.addingTimeInterval(Double(lifetime))))
        return Cookie(name: cookieName, value: id, maxAge: lifetime, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Ends the session the request's cookie names, if any.
    static func end(_ request: Request, store: any OncallStore) async throws {
        guard let value = request.cookies[cookieName]?.value, !value.isEmpty else { return }
        try await store.revokeSession(hash: hash(value))
    }

    /// The cookie that replaces the session cookie and expires at once.
    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// What the store keeps of a session id: lowercase hex SHA-256.
    static func hash(_ id: String) -> String { Hex.lowercase(SHA256.hash(data: Data(id.utf8))) }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
