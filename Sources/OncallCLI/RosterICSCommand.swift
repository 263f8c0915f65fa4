// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import OncallCalendar
import RosterModel

struct RosterICSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Write one member's or one pool's duties as an iCalendar feed (RFC 5545) for phone calendars.",
        discussion: """
            Each duty is one event with a stable UID, so importing a regenerated feed updates events instead of \
            duplicating them. Times are local to the network's time zone. Exit codes: 0 written; 2 bad input.
            """)

    @OptionGroup var input: RosterFileArguments

    @Option(help: "Only this member's duties (a member id).")
    var member: String?

    @Option(help: "Only this pool's duties, with who is on (a pool id).")
    var pool: String?

    @Option(help: "The .ics file to write.")
    var out: String

    @Option(help: "Language of event titles: ja or en (default: ja when the network's time zone is Asia/Tokyo).")
    var lang: ReportLanguage?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if (member == nil) == (pool == nil) { throw ValidationError("give exactly one of --member ID or --pool ID") }
    }

    func run() async throws {
        let (month, roster) = (input.month, input.roster)
        let network = try NetworkLoader.load(path: input.network)
        let selection: CalendarFeed.Selection
        if let member {
            guard network.memberIndex[member] != nil else {
                throw InputError(InputIssue(
                    file: input.network, field: "members", message: "no member \"\(member)\"",
                    hint: suggestion(for: member, among: network.memberIndex.keys) ?? "give a member id from the network file"))
            }
            selection = .member(member)
        } else {
            let pool = pool!
            guard network.poolIndex[pool] != nil else {
                throw InputError(InputIssue(
                    file: input.network, field: "pools", message: "no pool \"\(pool)\"",
                    hint: suggestion(for: pool, among: network.poolIndex.keys) ?? "give a pool id from the network file"))
            }
            selection = .pool(pool)
        }
        let document = try RosterCSV.load(path: roster, network: network, month: month)
        let language = lang ?? .default(timezone: network.timezone)
        let feed = CalendarFeed.duties(of: document.roster, in: network, selection: selection, japanese: language == .ja)
        try writeOutput(Data(feed.render(stamp: Date()).utf8), to: out)
        Console.print("\(out): \(feed.events.count) duties for \(month)")
    }
}
