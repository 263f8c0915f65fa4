// SPDX-License-Identifier: GPL-3.0-or-later
import LinearModel
import OncallCalendar
import RosterModel

/// Explains a month with no roster in the domain's words: which duty, which pool, which rule, who
/// was considered and why each could not go.
///
/// First by capacity per shift (no solve needed); where that passes, by solving with soft
/// coverage to find the duties that cannot be filled, and by relaxing rule groups one at a time to
/// find the smallest set of rules that conflict.
enum InfeasibilityExplainer {
    /// Duties that no roster can fill, found without solving: too few eligible members in a shift.
    static func staticCheck(_ month: RosterMonth, _ component: Component) -> [UncoveredSlot] {
        let empty = RosterState(month: month, component: component)
        var slots: [UncoveredSlot] = []
        for ps in component.poolShifts {
            let pool = month.network.pools[month.poolShifts[ps].pool]
            var shortfall = false
            for tier in Tier.allCases where pool.count(of: tier) > 0 {
                let available = month.candidates(ps, tier).count
                if available < pool.count(of: tier) {
                    slots.append(describe(empty, ps, tier, missing: pool.count(of: tier) - available))
                    shortfall = true
                }
            }
            // Primary and backup must be different people.
            let distinct = Set(month.candidates(ps, .primary) + month.candidates(ps, .backup)).count
            if !shortfall, distinct < pool.primary + pool.backup {
                var slot = describe(empty, ps, .backup, missing: pool.primary + pool.backup - distinct)
                let primaries = Set(month.candidates(ps, .primary).map { month.network.members[$0].id })
                slot.reasons = slot.reasons.map { entry in
                    primaries.contains(entry.member) && entry.reason.hasPrefix("available")
                        ? (entry.member, "needed as the primary (primary and backup must be different people)") : entry
                }
                slots.append(slot)
            }
        }
        return slots
    }

    /// One duty that cannot be filled, with every pool member and why they cannot take it.
    static func describe(_ state: RosterState, _ ps: Int, _ tier: Tier, missing: Int) -> UncoveredSlot {
        let month = state.month
        let poolShift = month.poolShifts[ps]
        let pool = month.network.pools[poolShift.pool]
        let reasons = month.poolMembers[poolShift.pool].map { m in
            (member: month.network.members[m].id, reason: state.obstacle(m, ps, tier) ?? "available (takes another duty in the best partial roster)")
        }
        return UncoveredSlot(
            date: poolShift.date.description, shift: month.network.shifts[poolShift.shift].id, pool: pool.id, tier: tier,
            missing: missing, requiredSkills: pool.required(for: tier).sorted(), reasons: reasons)
    }

    /// The rule groups that apply to a component at all.
    static func activeGroups(_ month: RosterMonth, _ component: Component) -> [RuleGroup] {
        let network = month.network
        let pools = component.pools.map { network.pools[$0] }
        var groups: [RuleGroup] = []
        let shiftsPerDay = Set(pools.flatMap(\.shifts)).count
        if shiftsPerDay > 1 || pools.contains(where: { $0.primary + $0.backup > 1 }) { groups.append(.maxDutiesPerDay) }
        if network.rules.minRestDays > 0 { groups.append(.minRestDays) }
        if component.members.contains(where: { network.maxDuties(of: network.members[$0]) != nil }) { groups.append(.maxDuties) }
        if network.rules.maxHolidayDuties != nil { groups.append(.maxHolidayDuties) }
        if pools.contains(where: { $0.backup > 0 && network.backupOtherFacility(in: $0) }) { groups.append(.backupOtherFacility) }
        if pools.contains(where: { $0.backup > 0 && $0.backupSameTeam }) { groups.append(.backupSameTeam) }
        return groups
    }

    static func explain(_ month: RosterMonth, _ component: Component, solver: any MIPSolver, timeLimit: Duration) async throws
        -> InfeasibilityReport
    {
        let perSolve = timeLimit / 8
        // Which duties cannot be filled, under every rule: the fewest gaps, each explained.
        let soft = RosterCompiler.compile(month, component, options: CompileOptions(allowGaps: true, feasibilityOnly: true))
        let softSolution = try await solver.solve(soft.model, options: MIPOptions(timeLimit: perSolve))
        var slots: [UncoveredSlot] = []
        if !softSolution.values.isEmpty {
            let state = RosterState(month: month, component: component)
            for (duty, variable) in zip(soft.duties, soft.dutyVariables) where softSolution.values[variable.index] > 0.5 {
                state.add(duty.member, duty.poolShift, duty.tier)
            }
            slots = soft.uncovered(from: softSolution.values).map { describe(state, $0.poolShift, $0.tier, missing: $0.missing) }
        }

        // The smallest set of rule groups that still conflict (deletion filter).
        let active = activeGroups(month, component)
        func feasible(relaxing relaxed: Set<RuleGroup>) async throws -> Bool {
            let compiled = RosterCompiler.compile(month, component, options: CompileOptions(relaxed: relaxed, feasibilityOnly: true))
            let result = try await solver.solve(compiled.model, options: MIPOptions(timeLimit: perSolve))
            return result.status == .optimal || result.status == .feasible
        }
        var conflicting: [RuleGroup] = []
        if try await feasible(relaxing: Set(active)) {
            var kept = active
            for group in active {
                let trial = kept.filter { $0 != group }
                if try await !feasible(relaxing: Set(active).subtracting(trial)) { kept = trial }
            }
            conflicting = kept
        }
        var helps: [RuleGroup] = []
        for group in conflicting where try await feasible(relaxing: [group]) { helps.append(group) }
        return InfeasibilityReport(
            slots: slots, conflictingRules: conflicting, relaxingAnyOneHelps: helps,
            pools: component.pools.map { month.network.pools[$0].id })
    }
}
