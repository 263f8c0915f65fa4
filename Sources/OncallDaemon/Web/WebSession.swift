// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird

/// Who is looking at a page: the token the login form stored in a cookie, or a bearer token.
///
/// The cookie holds the token itself (base64url, so any token is a valid cookie value): HttpOnly, so
/// no script reads it; SameSite=Strict, so no other site's page or form sends it (the pages' POST
/// forms need no other CSRF token); Secure when the daemon's public address is https. The API under
/// /v1 takes bearer tokens only.
enum WebSession {
    static let cookieName = "oncall_session"
    /// How long a login lasts on a device: a month, so a phone at the bedside stays signed in.
    static let lifetime = 30 * 24 * 3600

    enum Viewer {
        case signedIn(Principal)
        /// No token at all, or a cookie whose token is no longer configured: go to the login form.
        case anonymous
        /// A bearer token that is not known.
        case unknownBearer
    }

    static func viewer(_ request: Request, auth: TokenAuthority) -> Viewer {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
            return auth.grants[token].map(Viewer.signedIn) ?? .unknownBearer
        }
        guard let value = request.cookies[cookieName]?.value, let token = decode(value), let p = auth.grants[token] else { return .anonymous }
        return .signedIn(p)
    }

    static func cookie(token: String, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: encode(token), maxAge: lifetime, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that replaces the session cookie and expires at once.
    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func encode(_ token: String) -> String {
        Data(token.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ value: String) -> String? {
        var base64 = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) }
    }
}
