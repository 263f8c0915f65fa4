// SPDX-License-Identifier: GPL-3.0-or-later
import LinearModel
import OncallCalendar
import RosterModel

/// How to compile: which rules hold and whether coverage may have gaps.
public struct CompileOptions: Sendable, Equatable {
    /// Coverage becomes soft: each missing duty costs `gapPenalty`.
    public var allowGaps: Bool = false
    /// Rule groups left out (for explaining infeasible months).
    public var relaxed: Set<RuleGroup> = []
    /// Only look for any roster: no fairness or request terms.
    public var feasibilityOnly: Bool = false
    /// Time the combinatorial lower bounds on each pool's spread may take.
    public var boundBudget: Duration = .milliseconds(500)

    public init(allowGaps: Bool = false, relaxed: Set<RuleGroup> = [], feasibilityOnly: Bool = false, boundBudget: Duration = .milliseconds(500)) {
        self.boundBudget = boundBudget
        self.allowGaps = allowGaps
        self.relaxed = relaxed
        self.feasibilityOnly = feasibilityOnly
    }
}

/// Turns one component of a month into a `LinearModel`.
///
/// Formulation (see BENCHMARKS.md for why each choice matters to GLPK):
/// - a binary per eligible (pool shift, tier, member); ineligible pairs have no variable at all;
/// - with at most one duty a day and a rest of r days, one row per member and window of r+1 days;
/// - fairness as integer max/min of normalised loads, scaled so every load is an integer, with the
///   lower and upper bounds the total load implies stated outright: this is what lets GLPK prove
///   optimality at the root instead of leaving a 100 % gap.
public enum RosterCompiler {
    public static func compile(_ month: RosterMonth, _ component: Component, options: CompileOptions = .init()) -> CompiledRoster {
        var builder = Builder(month: month, component: component, options: options)
        builder.build()
        return builder.result
    }
}

/// A compiled component: the model plus what maps its variables back to duties.
public struct CompiledRoster: Sendable {
    public struct Duty: Sendable, Hashable {
        public var poolShift: Int
        public var tier: Tier
        public var member: Int
    }

    public var model: LinearModel
    public var component: Component
    /// One per binary duty variable, in variable order of `dutyVariables`.
    public var duties: [Duty]
    public var dutyVariables: [VariableID]
    /// Normalised loads are multiplied by this to make them integers (1 when no such scale was found).
    public var loadScale: Double
    /// True when the scaled loads are integers and the fairness variables are integer.
    public var integralLoads: Bool

    // How auxiliary variables follow from the duty variables, to complete a heuristic roster.
    var indicators: [(variable: VariableID, sources: [VariableID])] = []
    var gaps: [(variable: VariableID, need: Int, sources: [VariableID])] = []
    var fairness: [(max: VariableID, min: VariableID, loads: [LinearExpression])] = []
    public var gapVariables: [(variable: VariableID, poolShift: Int, tier: Tier)] = []

    /// Σ over pools of (max − min) scaled normalised load in a solution: the fairness part of the
    /// objective divided by `fairness / loadScale`.
    public func totalSpread(at values: [Double]) -> Double {
        fairness.reduce(0) { $0 + values[$1.max.index] - values[$1.min.index] }
    }

    /// Whether the model has fairness variables whose total spread moves in whole steps.
    public var hasIntegralSpread: Bool { integralLoads && !fairness.isEmpty }

    var fairnessVariables: [(max: VariableID, min: VariableID)] { fairness.map { ($0.max, $0.min) } }

    /// The model with its total spread held between two values (scaled units): a "band" that
    /// GLPK's presolver and MIR cuts handle far better than the open model.
    public func band(totalSpread range: ClosedRange<Double>) -> LinearModel {
        var banded = model
        var terms: [Term] = []
        for f in fairness {
            terms.append(Term(f.max, 1))
            terms.append(Term(f.min, -1))
        }
        banded.addConstraint("band", LinearExpression(terms), .between(range.lowerBound, range.upperBound))
        return banded
    }

    /// The duties set in a solution.
    public func assignments(from values: [Double], month: RosterMonth) -> [Assignment] {
        zip(duties, dutyVariables).compactMap { duty, variable in
            guard values[variable.index] > 0.5 else { return nil }
            return month.assignment(duty)
        }
    }

    /// Missing duties in a solution of an `allowGaps` model: pool shift, tier and how many.
    public func uncovered(from values: [Double]) -> [(poolShift: Int, tier: Tier, missing: Int)] {
        gapVariables.compactMap { g in
            let missing = Int(values[g.variable.index].rounded())
            return missing > 0 ? (g.poolShift, g.tier, missing) : nil
        }
    }

    /// A full point of the model for a roster given as duties: duty variables set, and every
    /// auxiliary variable at the value the rows force. nil when a duty has no variable.
    public func point(for roster: Set<Duty>) -> [Double]? {
        var values = Array(repeating: 0.0, count: model.variables.count)
        var covered = 0
        for (duty, variable) in zip(duties, dutyVariables) where roster.contains(duty) {
            values[variable.index] = 1
            covered += 1
        }
        guard covered == roster.count else { return nil }
        for indicator in indicators {
            values[indicator.variable.index] = indicator.sources.contains { values[$0.index] > 0.5 } ? 1 : 0
        }
        for gap in gaps {
            let filled = gap.sources.reduce(0) { $0 + Int(values[$1.index].rounded()) }
            values[gap.variable.index] = Double(max(0, gap.need - filled))
        }
        for f in fairness {
            let loads = f.loads.map { $0.value(at: values) }
            let round: (Double) -> Double = integralLoads ? { $0.rounded() } : { $0 }
            values[f.max.index] = round(loads.max() ?? 0)
            values[f.min.index] = round(loads.min() ?? 0)
        }
        return values
    }
}

extension RosterMonth {
    public func assignment(_ duty: CompiledRoster.Duty) -> Assignment {
        let ps = poolShifts[duty.poolShift]
        return Assignment(
            date: ps.date, shift: network.shifts[ps.shift].id, pool: network.pools[ps.pool].id, tier: duty.tier,
            member: network.members[duty.member].id)
    }
}

// MARK: - Building

private struct Builder {
    let month: RosterMonth
    let component: Component
    let options: CompileOptions
    var network: Network { month.network }
    var model: LinearModel
    var result: CompiledRoster

    /// Per member: duty variables by day, and by (day, shift).
    var byDay: [Int: [Int: [VariableID]]] = [:]
    var byShift: [Int: [Int: [VariableID]]] = [:]
    /// Per pool shift and tier: (member, variable).
    var slots: [Int: [[(member: Int, variable: VariableID)]]] = [:]

    init(month: RosterMonth, component: Component, options: CompileOptions) {
        self.month = month
        self.component = component
        self.options = options
        // Short: some MPS readers (CBC 2.10) crash on a long NAME line.
        let label = component.label(month)
        self.model = LinearModel(name: "roster \(month.month) " + (label.count <= 32 ? label : "\(component.pools.count) pools"))
        self.result = CompiledRoster(
            model: model, component: component, duties: [], dutyVariables: [], loadScale: 1, integralLoads: false)
    }

    mutating func build() {
        addDutyVariables()
        addCoverage()
        addMemberRules()
        addBackupRules()
        if !options.feasibilityOnly { addFairness() }
        result.model = model
    }

    func on(_ group: RuleGroup) -> Bool { !options.relaxed.contains(group) }

    func name(_ ps: Int) -> String {
        let poolShift = month.poolShifts[ps]
        return "\(network.pools[poolShift.pool].id)@\(poolShift.date)/\(network.shifts[poolShift.shift].id)"
    }

    mutating func addDutyVariables() {
        for ps in component.poolShifts {
            let poolShift = month.poolShifts[ps]
            let shiftID = network.shifts[poolShift.shift].id
            var tiers: [[(member: Int, variable: VariableID)]] = [[], []]
            for (t, tier) in Tier.allCases.enumerated() {
                for m in month.candidates(ps, tier) {
                    let member = network.members[m]
                    let request = options.feasibilityOnly || !member.prefersOff(on: poolShift.date, shift: shiftID) ? 0 : network.objective.requests
                    let v = model.addVariable("x[\(name(ps)),\(tier.rawValue),\(member.id)]", kind: .binary, objective: request)
                    result.duties.append(.init(poolShift: ps, tier: tier, member: m))
                    result.dutyVariables.append(v)
                    tiers[t].append((m, v))
                    byDay[m, default: [:]][poolShift.day, default: []].append(v)
                    byShift[m, default: [:]][poolShift.day * 1000 + poolShift.shift, default: []].append(v)
                }
            }
            slots[ps] = tiers
        }
    }

    /// Cost of one missing duty: above anything fairness or requests could gain.
    var gapPenalty: Double {
        let heaviest = network.shifts.map(\.weight).max() ?? 1
        let lightestFTE = component.members.map { network.members[$0].fte }.min() ?? 1
        return 1000 * (1 + network.objective.fairness * heaviest / max(lightestFTE, 0.01) + network.objective.requests)
    }

    mutating func addCoverage() {
        let penalty = options.feasibilityOnly ? 1 : gapPenalty
        for ps in component.poolShifts {
            let pool = network.pools[month.poolShifts[ps].pool]
            for (t, tier) in Tier.allCases.enumerated() {
                let need = pool.count(of: tier)
                guard need > 0 else { continue }
                let vars = slots[ps]![t].map(\.variable)
                var expression = LinearExpression(sum: vars)
                if options.allowGaps {
                    let gap = model.addVariable("gap[\(name(ps)),\(tier.rawValue)]", kind: .integer, lower: 0, upper: Double(need), objective: penalty)
                    expression.add(gap)
                    result.gaps.append((gap, need, vars))
                    result.gapVariables.append((gap, ps, tier))
                }
                model.addConstraint("cover[\(name(ps)),\(tier.rawValue)]", expression, .equal(Double(need)))
            }
        }
    }

    mutating func addMemberRules() {
        let rules = network.rules
        let perDay = on(.maxDutiesPerDay) ? rules.maxDutiesPerDay : Int.max
        let rest = on(.minRestDays) ? rules.minRestDays : 0
        let dayCount = month.dates.count
        for m in component.members {
            let member = network.members[m]
            let days = byDay[m] ?? [:]
            let allVars = days.values.flatMap { $0 }
            guard !allVars.isEmpty else { continue }
            // One duty per shift, unless the one-a-day rows below already say so.
            if perDay > 1 {
                for (key, vars) in byShift[m] ?? [:] where vars.count > 1 {
                    model.addConstraint("oneshift[\(member.id),\(key)]", LinearExpression(sum: vars), .lessOrEqual(1))
                }
            }
            if rest > 0 && perDay == 1 {
                // Σ duties over days d … d+rest ≤ 1; windows that start on a day without duties are
                // dominated by the next window.
                for d in 0..<dayCount where days[d] != nil {
                    let vars = (d...min(d + rest, dayCount - 1)).flatMap { days[$0] ?? [] }
                    if vars.count > 1 {
                        model.addConstraint("rest[\(member.id),\(month.dates[d])]", LinearExpression(sum: vars), .lessOrEqual(1))
                    }
                }
            } else {
                var worked: [Int: VariableID] = [:]
                for (d, vars) in days {
                    if vars.count > perDay {
                        model.addConstraint("perday[\(member.id),\(month.dates[d])]", LinearExpression(sum: vars), .lessOrEqual(Double(perDay)))
                    }
                    if rest > 0 {
                        let y = model.addVariable("worked[\(member.id),\(month.dates[d])]", kind: .binary)
                        for v in vars { model.addConstraint("link[\(member.id),\(v.index)]", [Term(v, 1), Term(y, -1)], .lessOrEqual(0)) }
                        worked[d] = y
                        result.indicators.append((y, vars))
                    }
                }
                if rest > 0 {
                    for d in worked.keys.sorted() {
                        let window = (d...min(d + rest, dayCount - 1)).compactMap { worked[$0] }
                        if window.count > 1 {
                            model.addConstraint("rest[\(member.id),\(month.dates[d])]", LinearExpression(sum: window), .lessOrEqual(1))
                        }
                    }
                }
            }
            if on(.maxDuties), let limit = network.maxDuties(of: member), allVars.count > limit {
                model.addConstraint("maxduties[\(member.id)]", LinearExpression(sum: allVars), .lessOrEqual(Double(limit)))
            }
            if on(.maxHolidayDuties), let limit = rules.maxHolidayDuties {
                let holidayVars = days.filter { month.isHolidayType(day: $0.key) }.flatMap(\.value)
                if holidayVars.count > limit {
                    model.addConstraint("maxholiday[\(member.id)]", LinearExpression(sum: holidayVars), .lessOrEqual(Double(limit)))
                }
            }
        }
    }

    mutating func addBackupRules() {
        for ps in component.poolShifts {
            let pool = network.pools[month.poolShifts[ps].pool]
            guard pool.primary > 0, pool.backup > 0, let tiers = slots[ps] else { continue }
            let backupCount = Double(pool.backup)
            if on(.backupOtherFacility) && network.backupOtherFacility(in: pool) {
                let groups = grouped(tiers) { network.members[$0].facility }
                let sizes = Dictionary(grouping: tiers.joined().map(\.member)) { network.members[$0].facility }.mapValues { Set($0).count }
                // A facility with one candidate needs no row: one duty per shift already holds.
                for (facility, (primaries, backups)) in groups where !primaries.isEmpty && !backups.isEmpty && sizes[facility]! > 1 {
                    let label = "otherfacility[\(name(ps)),\(facility)]"
                    if pool.primary == 1 {
                        // A primary from this facility leaves no room for a backup from it.
                        var e = LinearExpression(sum: backups)
                        for p in primaries { e.add(p, backupCount) }
                        model.addConstraint(label, e, .lessOrEqual(backupCount))
                    } else {
                        let z = model.addVariable("hasprimary[\(name(ps)),\(facility)]", kind: .binary)
                        result.indicators.append((z, primaries))
                        for p in primaries { model.addConstraint(label + "[\(p.index)]", [Term(p, 1), Term(z, -1)], .lessOrEqual(0)) }
                        var e = LinearExpression(sum: backups)
                        e.add(z, backupCount)
                        model.addConstraint(label, e, .lessOrEqual(backupCount))
                    }
                }
            }
            if on(.backupSameTeam) && pool.backupSameTeam {
                let groups = grouped(tiers) { network.teamKey(ofFacility: network.members[$0].facility) }
                for (team, (primaries, backups)) in groups where !backups.isEmpty {
                    let label = "sameteam[\(name(ps)),\(team)]"
                    if pool.primary == 1 {
                        var e = LinearExpression(sum: backups)
                        for p in primaries { e.add(p, -backupCount) }
                        model.addConstraint(label, e, .lessOrEqual(0))
                    } else {
                        let z = model.addVariable("teamprimary[\(name(ps)),\(team)]", kind: .binary)
                        result.indicators.append((z, primaries))
                        var link = LinearExpression(sum: primaries)
                        link.add(z, -1)
                        model.addConstraint(label + "[link]", link, .greaterOrEqual(0))
                        var e = LinearExpression(sum: backups)
                        e.add(z, -backupCount)
                        model.addConstraint(label, e, .lessOrEqual(0))
                    }
                }
            }
        }
    }

    /// Primary and backup variables of one pool shift grouped by a key of their member.
    func grouped(_ tiers: [[(member: Int, variable: VariableID)]], by key: (Int) -> String) -> [String: ([VariableID], [VariableID])] {
        var groups: [String: ([VariableID], [VariableID])] = [:]
        for (member, variable) in tiers[0] { groups[key(member), default: ([], [])].0.append(variable) }
        for (member, variable) in tiers[1] { groups[key(member), default: ([], [])].1.append(variable) }
        return groups
    }

    mutating func addFairness() {
        guard network.objective.fairness > 0 else { return }
        let scale = LoadScale.find(month: month, component: component)
        result.loadScale = scale.factor
        result.integralLoads = scale.integral
        let kind: VariableKind = scale.integral ? .integer : .continuous
        let coefficient = network.objective.fairness / scale.factor
        // Each member's scaled normalised load as an expression of their duty variables.
        var loads: [Int: LinearExpression] = [:]
        for m in component.members {
            let member = network.members[m]
            loads[m] = LinearExpression(constant: scale.factor * network.history(of: member) / member.fte)
        }
        for (duty, variable) in zip(result.duties, result.dutyVariables) {
            let member = network.members[duty.member]
            loads[duty.member]!.add(variable, scale.factor * month.weight(month.poolShifts[duty.poolShift], duty.tier) / member.fte)
        }
        for p in component.pools {
            let members = month.poolMembers[p]
            guard !members.isEmpty else { continue }
            let pool = network.pools[p]
            let bounds = FairnessBounds(month: month, pool: p, scale: scale, coverageIsExact: !options.allowGaps)
            let high = model.addVariable("maxload[\(pool.id)]", kind: kind, lower: bounds.maxAtLeast, objective: coefficient)
            let low = model.addVariable("minload[\(pool.id)]", kind: kind, lower: 0, upper: bounds.minAtMost, objective: -coefficient)
            for m in members {
                let load = loads[m]!
                let id = network.members[m].id
                model.addConstraint("max[\(pool.id),\(id)]", LinearExpression([Term(high, 1)]) - load, .greaterOrEqual(0))
                model.addConstraint("min[\(pool.id),\(id)]", load - LinearExpression([Term(low, 1)]), .greaterOrEqual(0))
            }
            if !options.allowGaps, let spread = SpreadLowerBound.compute(month: month, pool: p, scale: scale, budget: options.boundBudget) {
                model.addConstraint("spread[\(pool.id)]", [Term(high, 1), Term(low, -1)], .greaterOrEqual(spread))
            }
            result.fairness.append((high, low, members.map { loads[$0]! }))
        }
    }
}
