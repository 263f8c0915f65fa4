// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import OncallCalendar

/// What every command that reads a roster takes: the network file, the roster CSV and its month.
struct RosterFileArguments: ParsableArguments {
    @Argument(help: "The network file (YAML or JSON).")
    var network: String

    @Argument(help: "The roster CSV (columns date,shift,pool,tier,member first).")
    var roster: String

    @Option(help: "The roster's month, YYYY-MM.")
    var month: YearMonth
}
