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
    /// Each month's version in force and the roster its duties make, so a reload re-checks only what changed
    /// (a version's duties never change once published).
    private var checked: [YearMonth: (version: Int, roster: Roster)] = [:]
    /// Each month's version in force whose duties no longer fit the network file, so it is reported once, not at
    /// every reload.
    private var unreadable: [YearMonth: Int] = [:]
    let logger: Logger

    public init(network: Network, store: any OncallStore, logger: Logger = Logger(label: "oncall.rosters")) {
        self.network = network
        self.store = store
        self.logger = logger
        self.cached = CoverageResolver(network: network, rosters: [], overrides: [])
    }

    public var resolver: CoverageResolver { cached }

    public func roster(_ month: YearMonth) -> Roster? { rosters[month] }

    /// Published months whose roster no longer fits the network file, oldest first: not in force, so nobody is
    /// paged from them (`/health` and `/metrics` say so).
    public var unreadableMonths: [YearMonth] { unreadable.keys.sorted() }

    /// The month's published roster with the overrides in force applied: what the web pages show.
    public func rosterInForce(_ month: YearMonth) -> Roster? {
        rosters[month].map { OverrideApplier.inForce($0, overrides) }
    }

    /// Follows the store: every roster change committed (through any daemon on the same PostgreSQL) reloads the book.
    public func run() async throws {
        for await change in store.changes().cancelOnGracefulShutdown() where change == .rosters {
            do { try await reload() } catch {
                // The next change, or the next write through this daemon, reloads again.
            }
        }
    }

    /// The month's published roster as stored now (not as last reloaded): what an override is checked against;
    /// nil when none is published or it no longer fits the network file.
    public func publishedRoster(_ month: YearMonth) async throws -> Roster? {
        guard let published = try await store.publishedRoster(month: month.description) else { return nil }
        if let known = checked[month], known.version == published.version { return known.roster }
        return published.roster(in: network)
    }

    /// Reads every published roster and override in force again. A month whose version in force has not changed
    /// since the last reload is not checked against the network again.
    public func reload() async throws {
        var rosters: [YearMonth: Roster] = [:]
        var checked: [YearMonth: (version: Int, roster: Roster)] = [:]
        var unreadable: [YearMonth: Int] = [:]
        for published in try await store.publishedRosters() {
            guard let month = YearMonth(published.month) else { continue }
            if let known = self.checked[month], known.version == published.version {
                rosters[month] = known.roster
                checked[month] = known
                continue
            }
            if self.unreadable[month] == published.version {
                unreadable[month] = published.version
                continue
            }
            // Stored rosters passed the same checks when published; one that no longer fits (the network file
            // changed) is left out rather than taking the daemon down, and said loudly. The month only: a
            // duty names members.
            if let roster = published.roster(in: network) {
                rosters[month] = roster
                checked[month] = (published.version, roster)
            } else {
                unreadable[month] = published.version
                logger.error(
                    "a published roster no longer fits the network file and is not in force: nobody is paged from it; publish the month again",
                    metadata: ["month": "\(month)", "version": "\(published.version)"])
            }
        }
        self.rosters = rosters
        self.checked = checked
        self.unreadable = unreadable
        overrides = try await store.activeOverrides()
        cached = CoverageResolver(network: network, rosters: Array(rosters.values), overrides: overrides)
    }
}
