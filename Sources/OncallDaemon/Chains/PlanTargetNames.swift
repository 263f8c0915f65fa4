// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

extension Network {
    /// Who a plan's target is, as people read it: a member's name and facility, or a facility's own desk
    /// (`facility:ID`, the hospital step without a rostered doctor); else the id as written.
    func planTarget(_ id: String) -> (name: String, facility: Facility?) {
        if let m = memberIndex[id].map({ members[$0] }) { return (m.name, facilityIndex[m.facility].map { facilities[$0] }) }
        if id.hasPrefix("facility:"), let f = facilityIndex[String(id.dropFirst("facility:".count))].map({ facilities[$0] }) { return (f.name, f) }
        return (id, nil)
    }
}
