// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Logging
import OncallCalendar
import OncallStore
import RosterModel
import ServiceLifecycle

/// The published rosters and overrides in memory, so "who covers" never waits on the disk.
///
/// Rebuilt from the store after every publish or override, this daemon's or another's (`run()` follows the
/// store's changes); the store stays the truth.
public actor RosterBook: Service {
    public let network: Network
    let store: any OncallStore
    private(set) var rosters: [YearMonth: Roster] = [:]
    private var cached: CoverageResolver
    private var overrides: [RosterOverride] = []
    /// Each month's stored text and what it parsed to, so a reload re-parses only what changed.
    private var parsed: [YearMonth: (payload: String, roster: Roster)] = [:]
    /// Each month's stored text that no longer parses, so it is reported once, not at every reload.
    private var unparsable: [YearMonth: String] = [:]
    let logger: Logger

    public init(network: Network, store: any OncallStore, logger: Logger = Logger(label: "oncall.rosters")) {
        self.network = network
        self.store = store
        self.logger = logger
        self.cached = CoverageResolver(network: network, rosters: [], overrides: [])
    }

    public var resolver: CoverageResolver { cached }

    public func roster(_ month: YearMonth) -> Roster? { rosters[month] }

    /// Published months whose roster no longer parses against the network file, oldest first: not in force,
    /// so nobody is paged from them (`/health` and `/metrics` say so).
    public var unreadableMonths: [YearMonth] { unparsable.keys.sorted() }

    /// The month's published roster with the overrides in force applied: what the web pages show.
    public func rosterInForce(_ month: YearMonth) -> Roster? {
        guard let roster = rosters[month] else { return nil }
        let prefix = month.description
        return Roster(month: month, assignments: OverrideApplier.apply(overrides.filter { $0.date.hasPrefix(prefix) }, to: roster.assignments))
    }

    /// Follows the store: every roster change committed (through any daemon on the same PostgreSQL) reloads the book.
    public func run() async throws {
        for await change in store.changes().cancelOnGracefulShutdown() where change == .rosters {
            do { try await reload() } catch {
                // The next change, or the next write through this daemon, reloads again.
            }
        }
    }

    /// The month's published roster as stored now (not as last reloaded): what an override is checked against.
    public func publishedRoster(_ month: YearMonth) async throws -> Roster? {
        guard let published = try await store.publishedRoster(month: month.description) else { return nil }
        if let known = parsed[month], known.payload == published.payload { return known.roster }
        return try await parse(published.payload, month: month)
    }

    /// A stored roster's text as a roster, off the engine's threads (`RequestWork`); nil when it no longer parses.
    private func parse(_ payload: String, month: YearMonth) async throws -> Roster? {
        let network = self.network
        return try await RequestWork.run {
            try? RosterCSV.parse(payload, file: "published \(month)", network: network, month: month).roster
        }
    }

    /// Reads every published roster and override in force again. A roster whose text has not changed since
    /// the last reload is not parsed again; parsing runs off the engine's threads (`RequestWork`).
    public func reload() async throws {
        var rosters: [YearMonth: Roster] = [:]
        var parsed: [YearMonth: (payload: String, roster: Roster)] = [:]
        var unparsable: [YearMonth: String] = [:]
        for published in try await store.publishedRosters() {
            guard let month = YearMonth(published.month) else { continue }
            if let known = self.parsed[month], known.payload == published.payload {
                rosters[month] = known.roster
                parsed[month] = known
                continue
            }
            let payload = published.payload
            if self.unparsable[month] == payload {
                unparsable[month] = payload
                continue
            }
            // Stored rosters passed the same parser when published; one that no longer parses (the network
            // file changed) is left out rather than taking the daemon down, and said loudly. The month only:
            // the parser's message names members.
            if let roster = try await parse(payload, month: month) {
                rosters[month] = roster
                parsed[month] = (payload, roster)
            } else {
                unparsable[month] = payload
                logger.error(
                    "a published roster no longer parses against the network file and is not in force: nobody is paged from it; publish the month again",
                    metadata: ["month": "\(month)"])
            }
        }
        self.rosters = rosters
        self.parsed = parsed
        self.unparsable = unparsable
        overrides = try await store.activeOverrides()
        cached = CoverageResolver(network: network, rosters: Array(rosters.values), overrides: overrides)
    }
}
