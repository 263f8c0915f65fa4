// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto
import Foundation
import OncallNotifiers
import OncallStore
import RosterModel

/// The id a page carries: the same for every attempt and every resend of one page, so a receiver can
/// drop the duplicate that a restart or a failover may send (delivery is at-least-once).
public enum PageID {
    /// One page: an escalation's round and step, the member and the channel kind.
    public static func make(escalation: String, round: Int, step: Int, member: String, channel: Channel.Kind) -> String {
        let text = "\(escalation)\n\(round)\n\(step)\n\(member)\n\(channel.rawValue)"
        return Hex.lowercase(SHA256.hash(data: Data(text.utf8)).prefix(16))
    }
}
