// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto
import Foundation
import RosterModel

/// Signed, expiring links that acknowledge or decline a page without a token.
///
/// The signature covers action, escalation, member and expiry, so a link for one page
/// cannot be bent into acknowledging another.
public struct AckLinks: Sendable {
    let baseURL: String
    /// The secret's bytes; a `SymmetricKey` is made per use because it is not `Sendable`.
    let secret: Data
    let lifetime: TimeInterval

    public init(baseURL: String, secret: String, lifetime: TimeInterval = 24 * 3600) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.secret = Data(secret.utf8)
        self.lifetime = lifetime
    }

    public func url(_ action: String, escalation: String, member: String, now: Date) -> String {
        let expires = Int(now.timeIntervalSince1970 + lifetime)
        let sig = signature(action, escalation, member, expires)
        let m = member.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "+"])) ?? member
        return "\(baseURL)/v1/links/\(action)?escalation=\(escalation)&member=\(m)&expires=\(expires)&sig=\(sig)"
    }

    public func verify(_ action: String, escalation: String, member: String, expires: Int, sig: String, now: Date) -> Bool {
        guard Double(expires) >= now.timeIntervalSince1970 else { return false }
        // Constant time: a byte-by-byte compare that stops early would let a forger time their way to a signature.
        let expected = Array(signature(action, escalation, member, expires).utf8), given = Array(sig.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func signature(_ action: String, _ escalation: String, _ member: String, _ expires: Int) -> String {
        let text = "\(action)\n\(escalation)\n\(member)\n\(expires)"
        return Hex.lowercase(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: secret)))
    }
}
