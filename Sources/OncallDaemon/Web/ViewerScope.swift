// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

/// What a viewer's role may see on the pages.
///
/// - admin: every pool and member page, the covering members' phone and e-mail, every feed address.
/// - facility: the pools covering its facility (the districts its patients live in), with the
///   covering members' phone and e-mail; the member pages of its own staff; no feed addresses.
/// - responder: the pools the member belongs to, names only; their own member page and feed address.
/// - call centre: the pools covering the facilities of its districts (all, region-wide), with contacts;
///   the member pages of those facilities' staff; no feed addresses.
struct ViewerScope {
    let viewer: Principal
    let network: Network
    private let visiblePools: Set<String>

    init(viewer: Principal, resolver: CoverageResolver) {
        self.viewer = viewer
        self.network = resolver.network
        let network = resolver.network
        switch viewer.role {
        case .admin:
            visiblePools = Set(network.pools.map(\.id))
        case .facility:
            visiblePools = Set(viewer.facility.map { resolver.pools(coveringFacility: $0).map(\.id) } ?? [])
        case .responder:
            let member = viewer.member.flatMap { network.memberIndex[$0] }.map { network.members[$0] }
            visiblePools = Set(network.pools.filter { pool in member.map { RosterMonth.belongs($0, to: pool, in: network) } ?? false }.map(\.id))
        case .callCentre:
            visiblePools = Set(network.facilities.filter(viewer.actsFor).flatMap { resolver.pools(coveringFacility: $0.id).map(\.id) })
        }
    }

    var isAdmin: Bool { viewer.role == .admin }

    /// Who the header says is signed in: a responder's or facility's name from the network file, not the
    /// token's audit name (`responder:p3`); the office and call centres by the name their token was given.
    var viewerName: String {
        if let id = viewer.member, let i = network.memberIndex[id] { return network.members[i].name }
        if viewer.role == .facility, let id = viewer.facility, let i = network.facilityIndex[id] { return network.facilities[i].name }
        return viewer.actor
    }

    func canSee(pool: String) -> Bool { visiblePools.contains(pool) }

    /// The visible pools in the network's order.
    var pools: [String] { network.pools.map(\.id).filter(visiblePools.contains) }

    /// Phone and e-mail of a pool's covering members: for the office and the facilities it covers.
    func canSeeContacts(pool: String) -> Bool { viewer.role != .responder && canSee(pool: pool) }

    func canOpen(member id: String) -> Bool {
        switch viewer.role {
        case .admin: return true
        case .responder: return viewer.member == id
        case .facility: return network.memberIndex[id].map { network.members[$0].facility == viewer.facility } ?? false
        case .callCentre:
            return network.memberIndex[id].flatMap { network.facilityIndex[network.members[$0].facility] }.map { viewer.actsFor(network.facilities[$0]) } ?? false
        }
    }

    /// A feed address opens the member's duties to whoever holds it: only the office and the member see it.
    func canSeeFeed(of member: String) -> Bool { isAdmin || (viewer.role == .responder && viewer.member == member) }
}
