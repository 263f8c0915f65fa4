// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOHTTP1
import OncallCalendar
import Testing

/// The live daemon against its own document: schemathesis generates requests for every operation of
/// `GET /v1/openapi.yaml` (valid ones and ones that break the schema) and checks each answer. Pages go to
/// the fixture's webhook receiver on 127.0.0.1, never anywhere else.
@Suite struct OpenAPIConformanceTests {
    /// Every check schemathesis has (no 5xx; status, content type, headers and body as documented; a
    /// request the schema forbids refused with a 4xx; a secured operation refused without its token; in
    /// the stateful phase, a deleted resource gone and a created one there) but two that cannot hold here:
    /// `positive_data_acceptance`, because a well-formed request can name a pool, member or month the
    /// network does not know, rightly a 400, 404 or 422; and `unsupported_method`, because an undeclared
    /// method is a 404 like any unknown route (Hummingbird's router), not a 405.
    static let excludedChecks = ["positive_data_acceptance", "unsupported_method"]

    @Test("schemathesis finds no 5xx and no answer the OpenAPI document does not describe", .timeLimit(.minutes(5)))
    func liveDaemonConformsToItsDocument() async throws {
        guard let version = await Schemathesis.version() else {
            Issue.record("cannot run `python3 -m schemathesis.cli`: run `bash .ci/deps` (or `python3 -m pip install 'schemathesis>=4,<5'`)")
            return
        }
        let daemon = try await PagingDaemon()
        defer { daemon.stop() }
        try await daemon.publishAroundNow()
        let known = try await seed(daemon)
        let config = daemon.dir.file("schemathesis.toml")
        try known.toml.write(toFile: config, atomically: true, encoding: .utf8)
        let started = Date()
        // A fixed seed replays the same cases; 50 per operation and phase keep the run well under a minute on
        // two cores. Hypothesis' own health checks (slow or much-filtered generation) say nothing about the daemon.
        let run = await Schemathesis.run(
            [
                daemon.baseURL + "/v1/openapi.yaml", "--header", "Authorization: Bearer \(PagingDaemon.adminToken)",
                "--checks", "all", "--exclude-checks", Self.excludedChecks.joined(separator: ","),
                "--max-examples", "50", "--seed", "20261206", "--workers", "2", "--generation-database", "none",
                "--request-timeout", "10", "--suppress-health-check", "all",
            ], configFile: config, in: daemon.dir.path, timeout: 240)
        let seconds = Int(Date().timeIntervalSince(started))
        #expect(run.status == 0, "\(version), \(seconds) s:\n\(run.output)\n--- daemon log (tail) ---\n\(daemon.log.suffix(4000))")
    }

    /// The ids the test network and the seeded daemon know, for schemathesis to use now and then in place
    /// of random strings, so generated requests reach real rosters, patients and escalations.
    struct Known {
        var months: [String]
        var patients: [String]
        var escalations: [String]
        var feedKeys: [String]

        var toml: String {
            func list(_ values: [String]) -> String { "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
            func bind(_ name: String) -> String { "{ dictionary = \"\(name)\", probability = 0.5 }" }
            func operation(_ id: String, _ parameters: [(String, String)]) -> String {
                "[[operations]]\ninclude-operation-id = \"\(id)\"\nparameters = { "
                    + parameters.map { "\"\($0.0)\" = \(bind($0.1))" }.joined(separator: ", ") + " }\n"
            }
            return """
                [dictionaries]
                months = { values = \(list(months)) }
                pools = { values = ["docs"] }
                members = { values = ["p1", "p2", "p3", "p4", "p5", "h"] }
                facilities = { values = ["c1", "c2", "hosp"] }
                patients = { values = \(list(patients)) }
                escalations = { values = \(list(escalations)) }
                feedkeys = { values = \(list(feedKeys)) }
                shifts = { values = ["day", "night"] }
                # Instants at the edges parseInstant handles: offsets to ±23:59 (±15:00 once trapped), 1970 and 2200.
                instants = { values = ["2026-12-06T02:00:00+15:00", "2026-12-06T02:00:00.5-23:59", "1970-01-01T00:00:00Z", "2200-12-31T23:59:59+14:00"] }

                [parameters]
                "path.month" = \(bind("months"))
                "query.pool" = \(bind("pools"))
                "query.at" = \(bind("instants"))
                "body.pool" = \(bind("pools"))
                "body.member" = \(bind("members"))
                "body.replaces" = \(bind("members"))
                "body.facility" = \(bind("facilities"))
                "body.patient" = \(bind("patients"))
                "body.shift" = \(bind("shifts"))

                \(operation("getFacilityOnCall", [("path.id", "facilities")]))
                \(["getPatient", "deletePatient", "getPatientChain"].map { operation($0, [("path.id", "patients")]) }.joined(separator: "\n"))
                \(["getEscalation", "acknowledgeEscalation", "declineEscalation"].map { operation($0, [("path.id", "escalations")]) }.joined(separator: "\n"))
                \(operation("revokeFeedKey", [("path.key", "feedkeys")]))
                \(operation("getMemberFeed", [("path.id", "members"), ("query.key", "feedkeys")]))
                \(operation("getPoolFeed", [("path.id", "pools"), ("query.key", "feedkeys")]))
                """
        }
    }

    /// A register of two patients, an escalation for each and one for the pool, and a feed key each for a
    /// member and the pool: what the generated requests find when they name a known id.
    func seed(_ daemon: PagingDaemon) async throws -> Known {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let c = calendar.dateComponents([.year, .month], from: Date())
        let month = YearMonth(year: c.year!, month: c.month!)!
        let register = "id,name,facility,attending,partner,hospital,consent\nA-001,患者一,c1,p1,p3,hosp,2026-01-05\nA-002,患者二,c2,p2,,,\n"
        let put = try await daemon.request(.PUT, "/v1/patients", body: Array(register.utf8), contentType: "text/csv")
        guard put.status == 200 else { throw PagingDaemon.Failure(description: "register: \(put.status) \(put.body)") }
        var escalations: [String] = []
        for body in [#"{"patient":"A-001","note":"seed"}"#, #"{"patient":"A-002"}"#, #"{"pool":"docs","urgency":"low"}"#] {
            let created = try await daemon.request(.POST, "/v1/escalations", json: body)
            guard created.status == 201, let id = try jsonObject(created.body)["id"] as? String else {
                throw PagingDaemon.Failure(description: "escalation \(body): \(created.status) \(created.body)")
            }
            escalations.append(id)
        }
        var keys: [String] = []
        for body in [#"{"member":"p1"}"#, #"{"pool":"docs"}"#] {
            let created = try await daemon.request(.POST, "/v1/ical/keys", json: body)
            guard created.status == 201, let key = try jsonObject(created.body)["key"] as? String else {
                throw PagingDaemon.Failure(description: "feed key \(body): \(created.status) \(created.body)")
            }
            keys.append(key)
        }
        return Known(
            months: [month.previous, month, month.next].map(\.description), patients: ["A-001", "A-002"], escalations: escalations,
            feedKeys: keys)
    }
}
