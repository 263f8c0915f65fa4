// SPDX-License-Identifier: GPL-3.0-or-later
import OncallNotifiers
import RosterModel

/// Pool members the daemon has no way to page (no webhook, e-mail or SMS): rostered, they would be a
/// step that reaches nobody. Counted per pool, for the start-up warning and `/health` (counts, no ids:
/// member ids are often names).
public enum UnreachableMembers {
    public static func countByPool(in network: Network) -> [String: Int] {
        var counts: [String: Int] = [:]
        for pool in network.pools {
            let n = network.members.filter { RosterMonth.belongs($0, to: pool, in: network) && Channel.of($0.contact).isEmpty }.count
            if n > 0 { counts[pool.id] = n }
        }
        return counts
    }
}
