// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird

extension Parameters {
    /// A path parameter as the client meant it: the router hands it over still percent-encoded, so an id like
    /// `患-1` (sent as `%E6%82%A3-1`, as the daemon's own links encode it) would match nothing.
    func decoded(_ name: String) throws -> String {
        let raw = try require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
