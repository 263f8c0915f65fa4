// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// The files the daemon runs on: a copy of the network pointed at the bench's receiver, the
/// daemon's config, and a solved roster for the current month.
enum BenchSetup {
    static let adminToken = "daemon-bench-admin"
    static let webhookSecret = "daemon-bench-webhook-secret"

    /// A UTC offset zone whose local time now is about 20:00, in the night shift of every sample
    /// network (18:00–09:00), so there is someone to page whenever the benchmark runs.
    ///
    /// The samples roster nights every day and day shifts only on sundays and holidays: in their own
    /// zone (Asia/Tokyo) nobody is on call on a weekday between 09:00 and 18:00, and an escalation
    /// is then refused with 409. Moving the zone changes nothing the daemon computes per request.
    static func eveningZone(now: Date = Date()) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let hour = utc.component(.hour, from: now)
        var offset = (20 - hour + 24) % 24
        if offset > 14 { offset -= 24 }
        // Etc/GMT signs are inverted: Etc/GMT-4 is UTC+4.
        return offset == 0 ? "Etc/UTC" : offset > 0 ? "Etc/GMT-\(offset)" : "Etc/GMT+\(-offset)"
    }

    /// The network with every member's only channel a webhook at the receiver, in `timeZone`.
    static func writeNetwork(from source: String, receiver: PageReceiver, timeZone: String, to target: URL) throws -> Network {
        let network = try NetworkLoader.load(path: source)
        let text = try String(contentsOfFile: source, encoding: .utf8)
        let members = network.members.map { m -> Member in
            var m = m
            m.contact = Contact(webhook: receiver.url(member: m.id))
            return m
        }
        var merged = try MemberYAML.merge(members, into: text, file: source)
        let line = "timezone: \(timeZone)"
        if let range = merged.range(of: #"(?m)^timezone:.*$"#, options: .regularExpression) {
            merged.replaceSubrange(range, with: line)
        } else {
            merged = line + "\n" + merged
        }
        try merged.write(to: target, atomically: true, encoding: .utf8)
        let written = try NetworkLoader.load(path: target.path)
        guard written.timezone == timeZone, written.members.count == network.members.count,
            written.members.allSatisfy({ $0.contact == Contact(webhook: receiver.url(member: $0.id)) })
        else { throw BenchError("the network copy at \(target.path) does not point every member at the receiver") }
        return written
    }

    /// The daemon's config: the admin token, the webhook secret, one round of the chain, and the
    /// admins alerted when a chain runs out (id and webhook each).
    /// The long ack timeout keeps the page phase to one page per escalation; the restart and crash
    /// phases override it with --ack-timeout.
    static func writeConfig(to target: URL, admins: [(id: String, webhook: String)] = []) throws {
        let alerted = admins.isEmpty ? "" : ", admins: [" + admins.map { #"{id: \#($0.id), contact: {webhook: "\#($0.webhook)"}}"# }
            .joined(separator: ", ") + "]"
        try """
            # Written by daemon-bench.
            admin_token: \(adminToken)
            webhook: {secret: \(webhookSecret), timeout_seconds: 5}
            policy: {ack_timeout_seconds: 3600, rounds: 1\(alerted)}

            """.write(to: target, atomically: true, encoding: .utf8)
    }

    /// YYYY-MM of `now` in `timeZone`.
    static func month(now: Date = Date(), timeZone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone)!
        let c = calendar.dateComponents([.year, .month], from: now)
        return String(format: "%04d-%02d", c.year!, c.month!)
    }

    /// `oncall roster solve NETWORK --month M --out CSV`; the roster's CSV text.
    static func solveRoster(oncall: String, network: URL, month: String, out: URL, log: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: oncall)
        process.arguments = ["roster", "solve", network.path, "--month", month, "--out", out.path, "--time-limit", "20", "--quiet"]
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("oncall roster solve exited with \(process.terminationStatus); see \(log.path)")
        }
        return try String(contentsOf: out, encoding: .utf8)
    }
}
