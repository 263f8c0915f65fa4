// SPDX-License-Identifier: GPL-3.0-or-later

/// The overrides in force as read at one revision of the rosters. The revision moves on with every publish,
/// override and revocation, so a rule check made against it can be committed only if it still holds.
public struct RosterRevision: Sendable, Equatable {
    public var revision: Int64
    public var overrides: [RosterOverride]

    public init(revision: Int64, overrides: [RosterOverride]) {
        self.revision = revision
        self.overrides = overrides
    }
}
