// SPDX-License-Identifier: GPL-3.0-or-later
import Synchronization

/// The role an authenticator found, kept where the access log can read it: the log wraps every route, and a
/// context passes down by value, so it never sees the identity a route group set. Without this it looked the
/// session up in the store a second time for every page.
final class CallerNote: Sendable {
    private let found = Mutex<Principal.Role?>(nil)
    var role: Principal.Role? { found.withLock { $0 } }
    func note(_ role: Principal.Role) { found.withLock { $0 = role } }
}
