// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import OncallStore
import RosterModel

/// Each duty of the published rosters as a slot that overrides hand from member to member, with how
/// often it changed: what a calendar feed needs to keep one event per duty and number its versions.
///
/// A slot is a duty as published (or as an override without `replaces` added it). An override that
/// replaces a member moves that member's slot to the new member; revoking it moves the slot back. Every
/// change — an override made or revoked — bumps the slot's version, so SEQUENCE never goes down.
/// Applying the overrides in force gives the same duties as `OverrideApplier`.
struct DutyHistory: Sendable {
    struct Slot: Sendable, Equatable {
        /// The duty as first published (or added): its UID is this duty's.
        var origin: Assignment
        /// Who has it now; nil when the override that added it was revoked.
        var member: String?
        /// Everyone who has had it, in order, without repeats.
        var holders: [String]
        /// How many times it changed hands (or appeared, or went away).
        var sequence: Int

        /// The duty as it stands, with its current (or, when gone, its last) member.
        var current: Assignment {
            var a = origin
            a.member = member ?? holders.last ?? origin.member
            return a
        }
    }

    let slots: [Slot]

    /// - Parameters:
    ///   - assignments: the published duties.
    ///   - overrides: every override on those duties' dates, revoked ones included.
    init(assignments: [Assignment], overrides: [RosterOverride]) {
        var touched: [Group: [RosterOverride]] = [:]
        for o in overrides {
            guard let date = CivilDate(o.date), let tier = Tier(rawValue: o.tier) else { continue }
            touched[Group(pool: o.pool, date: date, shift: o.shift, tier: tier), default: []].append(o)
        }
        var base: [Group: [Assignment]] = [:]
        var slots: [Slot] = []
        for a in assignments {
            let g = Group(pool: a.pool, date: a.date, shift: a.shift, tier: a.tier)
            if touched[g] == nil {
                slots.append(Slot(origin: a, member: a.member, holders: [a.member], sequence: 0))
            } else {
                base[g, default: []].append(a)
            }
        }
        for (g, list) in touched { slots += Self.replay(g, base: base[g] ?? [], overrides: list) }
        self.slots = slots
    }

    /// One pool shift and tier: overrides never move a duty out of it.
    private struct Group: Hashable {
        var pool: String
        var date: CivilDate
        var shift: String
        var tier: Tier
    }

    /// A slot's identity while replaying: a published duty's original member, or the adding override.
    private enum SlotID: Hashable {
        case published(String)
        case added(String)
    }

    /// Replays one group's overrides in the order they were made and revoked.
    private static func replay(_ g: Group, base: [Assignment], overrides: [RosterOverride]) -> [Slot] {
        // Made and revoked, in time order; the same instant keeps making before revoking.
        var changes: [(at: Date, revoke: Bool, override: RosterOverride)] = overrides.map { ($0.createdAt, false, $0) }
        changes += overrides.compactMap { o in o.revokedAt.map { ($0, true, o) } }
        changes.sort { ($0.at, $0.revoke ? 1 : 0, $0.override.id) < ($1.at, $1.revoke ? 1 : 0, $1.override.id) }

        func state(_ active: [RosterOverride]) -> [SlotID: String] {
            var members: [SlotID: String] = [:]
            var order: [SlotID] = []
            for a in base {
                members[.published(a.member)] = a.member
                order.append(.published(a.member))
            }
            // Oldest first, as the store lists overrides in force and OverrideApplier applies them.
            for o in active.sorted(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) {
                if let replaced = o.replaces, let slot = order.first(where: { members[$0] == replaced }) {
                    members[slot] = o.member
                } else {
                    members[.added(o.id)] = o.member
                    order.append(.added(o.id))
                }
            }
            return members
        }

        var origins: [SlotID: Assignment] = [:]
        for a in base { origins[.published(a.member)] = a }
        for o in overrides { origins[.added(o.id)] = Assignment(date: g.date, shift: g.shift, pool: g.pool, tier: g.tier, member: o.member) }
        var current = state([])
        var holders: [SlotID: [String]] = current.mapValues { [$0] }
        var sequence: [SlotID: Int] = [:]
        var active: [String: RosterOverride] = [:]
        for change in changes {
            if change.revoke { active[change.override.id] = nil } else { active[change.override.id] = change.override }
            let next = state(Array(active.values))
            for id in Set(current.keys).union(next.keys) where current[id] != next[id] {
                sequence[id, default: 0] += 1
                if let m = next[id], holders[id]?.contains(m) != true { holders[id, default: []].append(m) }
            }
            current = next
        }
        return holders.keys.sorted { "\($0)" < "\($1)" }.compactMap { id in
            origins[id].map { Slot(origin: $0, member: current[id], holders: holders[id] ?? [], sequence: sequence[id] ?? 0) }
        }
    }
}
