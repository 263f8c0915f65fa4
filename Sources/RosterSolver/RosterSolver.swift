// SPDX-License-Identifier: GPL-3.0-or-later
import LinearModel
import Logging
import RosterModel
import Synchronization

/// What the caller asks of a roster solve.
public struct SolveSettings: Sendable {
    /// Wall-clock budget for the whole month.
    public var timeLimit: Duration = .seconds(60)
    /// Relative gap at which a component counts as solved (0: prove optimality).
    public var relativeGap: Double = 0
    /// Coverage becomes soft at a heavy cost; uncovered duties are listed and explained.
    public var allowGaps = false
    /// Time the heuristic may spend improving each component's starting roster.
    public var heuristicBudget: Duration = .milliseconds(300)
    /// Called whenever the month's best objective or bound changes, from any thread.
    public var progress: (@Sendable (SolveProgress) -> Void)?

    public init() {}
}

/// The month's state while it solves.
public struct SolveProgress: Sendable {
    public var componentsDone: Int
    public var componentsTotal: Int
    /// Σ of the best known objectives of the parts that have a roster so far (`partsWithRoster`).
    public var incumbent: Double?
    /// Σ of the best known bounds of those same parts.
    public var bound: Double?
    /// How many parts the two sums cover; the month's totals once this equals `componentsTotal`.
    public var partsWithRoster: Int
    public var elapsed: Duration
}

public struct RosterSolverError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Solves a month: splits it into independent components, starts each from a heuristic roster,
/// solves them in parallel with the MIP solver, checks the result independently, and explains a
/// month that has no roster.
public struct RosterSolver: Sendable {
    let solver: any MIPSolver
    let threads: Int
    let logger: Logger

    public init(solver: any MIPSolver, threads: Int, logger: Logger = Logger(label: "oncall.roster")) {
        self.solver = solver
        self.threads = max(1, threads)
        self.logger = logger
    }

    public func solve(_ month: RosterMonth, settings: SolveSettings = .init()) async throws -> RosterSolution {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: settings.timeLimit)
        let components = Component.split(month)

        if !settings.allowGaps {
            let impossible = components.flatMap { InfeasibilityExplainer.staticCheck(month, $0) }
            if !impossible.isEmpty {
                let pools = Array(Set(impossible.map(\.pool))).sorted()
                return RosterSolution(
                    status: .infeasible, roster: nil, objective: nil, bound: nil, elapsed: clock.now - start, components: [],
                    measures: nil, uncovered: [],
                    infeasibility: InfeasibilityReport(slots: impossible, conflictingRules: [], relaxingAnyOneHelps: [], pools: pools),
                    violations: [])
            }
        }

        let tracker = ProgressTracker(count: components.count, start: start, report: settings.progress)
        let results = try await solveComponents(components, month, settings, deadline: deadline, tracker: tracker)

        var solution = RosterSolution(
            status: .optimal, roster: nil, objective: nil, bound: nil, elapsed: .zero, components: results.map(\.report),
            measures: nil, uncovered: [], infeasibility: nil, violations: [])
        if let failed = results.first(where: { $0.report.status == .infeasible }) {
            solution.status = .infeasible
            solution.infeasibility = try await InfeasibilityExplainer.explain(
                month, failed.component, solver: solver, timeLimit: max(.seconds(10), deadline - clock.now))
            solution.elapsed = clock.now - start
            return solution
        }
        if results.contains(where: { $0.assignments == nil }) {
            solution.status = .timeLimitNoRoster
            solution.elapsed = clock.now - start
            return solution
        }
        if results.contains(where: { $0.report.status != .optimal }) { solution.status = .feasible }
        let roster = Roster(month: month.month, assignments: results.flatMap { $0.assignments ?? [] }).sorted(in: month.network)
        solution.roster = roster
        solution.objective = results.reduce(0) { $0 + ($1.report.objective ?? 0) }
        solution.bound = results.allSatisfy({ $0.report.bound != nil }) ? results.reduce(0) { $0 + $1.report.bound! } : nil
        solution.measures = LoadMeasures(roster: roster, month: month)
        solution.violations = RosterChecker.check(roster, in: month)
        if settings.allowGaps {
            // Missing duties are the point of --allow-gaps: they are listed, explained, in `uncovered`.
            solution.uncovered = results.flatMap(\.uncovered)
            solution.violations.removeAll { $0.rule == .coverage }
        }
        let broken = solution.violations
        if !broken.isEmpty {
            // The compiler and the checker disagree: never hand out a roster that breaks a rule.
            throw RosterSolverError(
                message: "internal error: the solved roster breaks \(broken.count) rule(s), first: \(broken[0]). Please report this with the network file.")
        }
        solution.elapsed = clock.now - start
        return solution
    }

    // MARK: - Components

    struct ComponentResult: Sendable {
        var component: Component
        var report: ComponentReport
        var assignments: [Assignment]?
        var uncovered: [UncoveredSlot]
        /// Kept for a second round when the part is not proven yet.
        var compiled: CompiledRoster?
        var values: [Double] = []
    }

    private func solveComponents(
        _ components: [Component], _ month: RosterMonth, _ settings: SolveSettings, deadline: ContinuousClock.Instant,
        tracker: ProgressTracker
    ) async throws -> [ComponentResult] {
        // Largest first, so the long solves start early; each takes a share of what is left.
        let order = components.indices.sorted { components[$0].slotCount(month) > components[$1].slotCount(month) }
        let sizes = components.map { Double(max(1, $0.slotCount(month))) }
        var remainingSize = sizes.reduce(0, +)
        var results = [ComponentResult?](repeating: nil, count: components.count)
        try await withThrowingTaskGroup(of: (Int, ComponentResult).self) { group in
            var next = 0
            func launch() {
                guard next < order.count else { return }
                let i = order[next]
                next += 1
                // A component starts when a thread frees up, and takes its share of the time left.
                let share = min(1, sizes[i] * Double(threads) / max(remainingSize, 1))
                remainingSize -= sizes[i]
                let budget = max(.milliseconds(200), (deadline - ContinuousClock().now) * share)
                let component = components[i]
                group.addTask {
                    (i, try await solveComponent(component, index: i, month, settings, timeLimit: budget, tracker: tracker))
                }
            }
            for _ in 0..<threads { launch() }
            while let (i, result) = try await group.next() {
                results[i] = result
                launch()
            }
        }
        // Time left over from parts that finished early goes to the parts not yet proven.
        let open = results.indices.filter {
            results[$0]!.report.status == .feasible && results[$0]!.compiled?.hasIntegralSpread == true && !settings.allowGaps
        }
        if !open.isEmpty, deadline - ContinuousClock().now > .milliseconds(300) {
            var current = results.map { $0! }
            try await withThrowingTaskGroup(of: (Int, ComponentResult).self) { group in
                var next = 0
                func launch() {
                    guard next < open.count else { return }
                    let i = open[next]
                    let left = deadline - ContinuousClock().now
                    let share = left * (Double(threads) / Double(open.count - next)).clamped(to: 0...1)
                    next += 1
                    let result = current[i]
                    let stop = ContinuousClock().now.advanced(by: share)
                    group.addTask { (i, try await continueInBands(result, index: i, month, settings, deadline: stop, tracker: tracker)) }
                }
                for _ in 0..<threads { launch() }
                while let (i, result) = try await group.next() {
                    current[i] = result
                    launch()
                }
            }
            return current
        }
        return results.map { $0! }
    }

    private func solveComponent(
        _ component: Component, index: Int, _ month: RosterMonth, _ settings: SolveSettings, timeLimit: Duration,
        tracker: ProgressTracker
    ) async throws -> ComponentResult {
        let clock = ContinuousClock()
        let start = clock.now
        var compileOptions = CompileOptions(allowGaps: settings.allowGaps)
        compileOptions.boundBudget = min(timeLimit * 0.15, .seconds(1))
        let compiled = RosterCompiler.compile(month, component, options: compileOptions)
        let heuristic = HeuristicRoster.build(
            month, component, allowGaps: settings.allowGaps, budget: min(settings.heuristicBudget, timeLimit * 0.1))
        var startingPoint: [Double]?
        if let heuristic, let point = compiled.point(for: heuristic.state.dutySet) {
            let problems = compiled.model.violations(at: point)
            if problems.isEmpty {
                startingPoint = point
                tracker.update(index, incumbent: compiled.model.objective(at: point), bound: nil)
            } else {
                logger.warning("heuristic roster rejected by the model", metadata: ["component": "\(component.label(month))", "first": "\(problems[0])"])
            }
        }
        let deadline = start.advanced(by: timeLimit)
        // A direct solve from the heuristic roster proves most components at the root; the rest
        // go on in bands (see BandSearch), which GLPK solves far better than the open model.
        let useBands = compiled.hasIntegralSpread && !settings.allowGaps
        let directLimit = useBands ? min((deadline - clock.now) * 0.2, .milliseconds(500)) : deadline - clock.now
        var options = MIPOptions(timeLimit: max(.milliseconds(100), directLimit), relativeGap: settings.relativeGap)
        options.startingPoint = startingPoint
        options.progress = { progress in tracker.update(index, incumbent: progress.incumbent, bound: progress.bound) }
        let mip = try await solver.solve(compiled.model, options: options)

        var status = mip.status
        var values = mip.values
        var objective = mip.objective
        var bound = mip.bound
        if values.isEmpty, let startingPoint, mip.status != .infeasible {
            // The solver found nothing better in time: the heuristic roster stands.
            values = startingPoint
            objective = compiled.model.objective(at: startingPoint)
            status = .feasible
        }
        if useBands, status == .feasible || status == .noSolutionFound, clock.now < deadline {
            let search = BandSearch(
                compiled: compiled, solver: solver, relativeGap: settings.relativeGap, progress: options.progress, logger: logger)
            let outcome = try await search.run(incumbent: values.isEmpty ? nil : values, bound: bound, deadline: deadline)
            if let better = outcome.values {
                values = better
                objective = outcome.objective
                status = outcome.proven ? .optimal : .feasible
            }
            bound = outcome.bound
        }
        if status == .optimal { bound = objective }
        tracker.finish(index, incumbent: objective, bound: bound)
        let report = ComponentReport(
            pools: component.pools.map { month.network.pools[$0].id }, members: component.members.count,
            variables: compiled.model.variables.count, constraints: compiled.model.constraints.count, status: status,
            objective: objective, bound: bound, heuristicObjective: startingPoint.map(compiled.model.objective(at:)),
            seconds: (clock.now - start).seconds)
        logger.debug(
            "component solved",
            metadata: [
                "pools": "\(component.label(month))", "status": "\(status)", "objective": "\(objective ?? .nan)",
                "bound": "\(bound ?? .nan)", "seconds": "\(report.seconds)",
            ])
        guard !values.isEmpty, status == .optimal || status == .feasible else {
            return ComponentResult(component: component, report: report, assignments: nil, uncovered: [], compiled: compiled)
        }
        let assignments = compiled.assignments(from: values, month: month)
        var uncovered: [UncoveredSlot] = []
        if settings.allowGaps {
            let gaps = compiled.uncovered(from: values)
            if !gaps.isEmpty {
                let state = RosterState(month: month, component: component)
                for (duty, variable) in zip(compiled.duties, compiled.dutyVariables) where values[variable.index] > 0.5 {
                    state.add(duty.member, duty.poolShift, duty.tier)
                }
                uncovered = gaps.map { InfeasibilityExplainer.describe(state, $0.poolShift, $0.tier, missing: $0.missing) }
            }
        }
        return ComponentResult(
            component: component, report: report, assignments: assignments, uncovered: uncovered, compiled: compiled, values: values)
    }

    /// Gives a part not proven in its first share more time, in bands, from where it stopped.
    private func continueInBands(
        _ result: ComponentResult, index: Int, _ month: RosterMonth, _ settings: SolveSettings, deadline: ContinuousClock.Instant,
        tracker: ProgressTracker
    ) async throws -> ComponentResult {
        guard let compiled = result.compiled, !result.values.isEmpty else { return result }
        let clock = ContinuousClock()
        let start = clock.now
        let search = BandSearch(
            compiled: compiled, solver: solver, relativeGap: settings.relativeGap,
            progress: { tracker.update(index, incumbent: $0.incumbent, bound: $0.bound) }, logger: logger)
        let outcome = try await search.run(incumbent: result.values, bound: result.report.bound, deadline: deadline)
        var improved = result
        if let values = outcome.values {
            improved.values = values
            improved.report.objective = outcome.objective
            improved.assignments = compiled.assignments(from: values, month: month)
        }
        improved.report.status = outcome.proven ? .optimal : .feasible
        improved.report.bound = outcome.proven ? improved.report.objective : max(outcome.bound ?? -.infinity, result.report.bound ?? -.infinity)
        improved.report.seconds += (clock.now - start).seconds
        tracker.update(index, incumbent: improved.report.objective, bound: improved.report.bound)
        return improved
    }
}

extension Double {
    fileprivate func clamped(to range: ClosedRange<Double>) -> Double { min(max(self, range.lowerBound), range.upperBound) }
}

extension Duration {
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

/// Sums the components' best objectives and bounds as they arrive, and reports the month's.
final class ProgressTracker: Sendable {
    private struct State {
        var incumbents: [Double?]
        var bounds: [Double?]
        var done = 0
        var last: (Double?, Double?) = (nil, nil)
    }

    private let state: Mutex<State>
    private let start: ContinuousClock.Instant
    private let report: (@Sendable (SolveProgress) -> Void)?

    init(count: Int, start: ContinuousClock.Instant, report: (@Sendable (SolveProgress) -> Void)?) {
        self.state = Mutex(State(incumbents: Array(repeating: nil, count: count), bounds: Array(repeating: nil, count: count)))
        self.start = start
        self.report = report
    }

    func update(_ i: Int, incumbent: Double?, bound: Double?) {
        emit { state in
            if let incumbent { state.incumbents[i] = min(state.incumbents[i] ?? .infinity, incumbent) }
            if let bound { state.bounds[i] = max(state.bounds[i] ?? -.infinity, bound) }
        }
    }

    func finish(_ i: Int, incumbent: Double?, bound: Double?) {
        emit { state in
            if let incumbent { state.incumbents[i] = incumbent }
            if let bound { state.bounds[i] = bound }
            state.done += 1
        }
    }

    private func emit(_ change: (inout State) -> Void) {
        guard let report else { return }
        let progress: SolveProgress? = state.withLock { state in
            let doneBefore = state.done
            change(&state)
            let known = state.incumbents.indices.filter { state.incumbents[$0] != nil }
            let incumbent = known.isEmpty ? nil : known.reduce(0) { $0 + state.incumbents[$1]! }
            let bound = known.isEmpty ? nil : known.reduce(0) { $0 + (state.bounds[$1] ?? 0) }
            guard incumbent != state.last.0 || bound != state.last.1 || state.done != doneBefore else { return nil }
            state.last = (incumbent, bound)
            return SolveProgress(
                componentsDone: state.done, componentsTotal: state.incumbents.count, incumbent: incumbent, bound: bound,
                partsWithRoster: known.count, elapsed: ContinuousClock().now - start)
        }
        if let progress { report(progress) }
    }
}
