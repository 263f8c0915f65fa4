// SPDX-License-Identifier: GPL-3.0-or-later

/// What a committed write changed, for those who keep a copy or wait for work: the roster book reloads
/// on `.rosters`, the escalation engine looks for due work on `.escalations`.
public enum StoreChange: String, Sendable, CaseIterable {
    /// A roster published, an override made or revoked.
    case rosters
    /// An escalation created or answered: an engine may have work sooner than its next deadline.
    case escalations
    case patients
    case feedKeys = "feed_keys"
}
