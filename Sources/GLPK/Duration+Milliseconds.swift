// SPDX-License-Identifier: GPL-3.0-or-later

extension Duration {
    /// GLPK's time limits are `int` milliseconds and must not be negative (else `abort()`);
    /// limits beyond `Int32.max` ms (~24 days) mean "no limit" anyway, so they are clamped.
    func glpkMilliseconds(_ what: String) throws -> Int32 {
        guard self >= .zero else {
            throw GLPKError.invalidArgument("\(what) must not be negative, got \(self)")
        }
        let (seconds, attoseconds) = self.components
        let limit = Int64(Int32.max)
        guard seconds < limit / 1000 else { return Int32.max }
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(min(milliseconds, limit))
    }
}
