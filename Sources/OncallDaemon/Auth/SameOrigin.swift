// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird

/// Every state-changing form (sign in and out, feed keys, "page now", the acknowledge button) must come from
/// this site's own pages; SameSite cookies alone leave older browsers open, and the sign-in form has no cookie yet.
extension WebSite {
    /// When the browser names an Origin, its host must be the host the request was sent to, or `public_url`'s
    /// (behind a proxy that rewrites Host). Only the host is compared, as SameSite compares sites: a site is
    /// not its port or scheme. An opaque Origin ("null": a sandboxed frame, a file) is refused. No Origin at
    /// all is let through: curl and older clients send none, and browsers send one with every form POST.
    func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = URL(string: origin)?.host?.lowercased() else { return false }
        let requested = request.head.authority.flatMap { URL(string: "http://\($0)")?.host?.lowercased() }
        let published = publicURL.flatMap { URL(string: $0)?.host?.lowercased() }
        return host == requested || host == published
    }

    /// The 403 page for a form from another site; nil when the form may go on.
    func foreignForm(_ request: Request, _ context: PageContext) -> Response? {
        sameOrigin(request) ? nil : message(context, context.text(.forbidden), status: .forbidden)
    }
}
