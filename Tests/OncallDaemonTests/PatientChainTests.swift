// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OncallCalendar
import OncallDaemon
import OncallNotifiers
import OncallStore
import RosterModel
import Testing

/// Escalations that follow the patient (issue 13): the register, the chain's order and skips, nurses
/// reaching a physician, policies, call centres, and the escalation-state fixes.
struct PatientChainTests {
    let december = YearMonth("2026-12")!

    func setUp(_ client: some TestClientProtocol) async throws {
        let put = try await call(client, .put, "/v1/rosters/2026-12", body: chainRosterCSV(december), contentType: "text/csv")
        #expect(put.status == .ok, "\(put.body)")
        let patients = try await call(client, .put, "/v1/patients", body: chainPatientsCSV, contentType: "text/csv")
        #expect(patients.status == .ok, "\(patients.body)")
    }

    func plan(_ client: some TestClientProtocol, _ id: String) async throws -> [[String: Any]] {
        try #require(try jsonObject(try await call(client, .get, "/v1/escalations/\(id)").body)["plan"] as? [[String: Any]])
    }

    /// A register's raw bytes, as Excel saved them.
    func upload(_ client: some TestClientProtocol, _ bytes: Data) async throws -> HTTPResponse.Status {
        try await client.execute(
            uri: "/v1/patients", method: .put, headers: [.authorization: "Bearer \(Harness.adminToken)", .contentType: "text/csv"],
            body: ByteBuffer(bytes: bytes)
        ) { $0.status }
    }

    func targets(_ step: [String: Any]) -> [String] { (step["targets"] as? [[String: Any]])?.compactMap { $0["member"] as? String } ?? [] }

    func escalate(_ client: some TestClientProtocol, _ body: String, token: String = Harness.adminToken) async throws -> String {
        let r = try await call(client, .post, "/v1/escalations", token: token, body: body)
        #expect(r.status == .created, "\(r.body)")
        return try #require(try jsonObject(r.body)["id"] as? String)
    }

    @Test("the register: replaced by a CSV, audited; each token sees its own patients, names only with consent; a deleted patient's name is gone")
    func theRegister() async throws {
        let h = try await Harness.chain()
        try await Application(router: h.api.router()).test(.router) { client in
            try await setUp(client)
            let all = try #require(try JSONSerialization.jsonObject(with: Data(try await call(client, .get, "/v1/patients").body.utf8)) as? [[String: Any]])
            #expect(all.compactMap { $0["id"] as? String } == ["pt1", "pt2", "pt3", "pt4"])
            #expect(all.first?["name"] as? String == "山田 花子")
            let own = try await call(client, .get, "/v1/patients", token: Harness.facilityToken)
            #expect(own.body.contains("pt1") && own.body.contains("pt2") && !own.body.contains("pt3"), "\(own.body)")
            #expect(own.body.contains("山田 花子") && !own.body.contains("佐藤"), "pt2 gave no consent: id only")
            let centre = try await call(client, .get, "/v1/patients", token: Harness.callCentreToken)
            #expect(centre.body.contains("pt3") && !centre.body.contains("pt4"), "the call centre serves the north only")
            #expect(try await call(client, .get, "/v1/patients/pt4", token: Harness.callCentreToken).status == .forbidden)
            #expect(try await call(client, .get, "/v1/patients?q=山田", token: Harness.callCentreToken).body.contains("pt1"))

            #expect(try await call(client, .delete, "/v1/patients/pt1").status == .noContent)
            #expect(try await h.store.patient(id: "pt1") == nil)
            let audit = try await h.store.auditLog()
            #expect(audit.contains { $0.action == "delete_patient" && $0.subject == "pt1" })
            #expect(audit.contains { $0.action == "replace_patients" && $0.detail.contains("pt1") })
            #expect(!audit.contains { $0.detail.contains("山田") }, "the audit keeps ids, never names")
        }
    }

    @Test("an id outside ASCII is found by its percent-encoded path, as the daemon's own links encode it")
    func percentEncodedIds() async throws {
        let h = try await Harness.chain()
        try await Application(router: h.api.router()).test(.router) { client in
            let register = "患者ID,氏名,施設,主治医,副主治医,病院,同意日\n患-1,山田,c1,p1,,,\n"
            #expect(try await call(client, .put, "/v1/patients", body: register, contentType: "text/csv").status == .ok)
            let found = try await call(client, .get, "/v1/patients/%E6%82%A3-1")
            #expect(found.status == .ok, "\(found.body)")
            #expect(try jsonObject(found.body)["id"] as? String == "患-1")
            #expect(try await call(client, .delete, "/v1/patients/%E6%82%A3-1").status == .noContent)
        }
    }

    @Test("a bad register is refused whole: unknown member, duplicate id, a partner who is the attending, bad date, wrong encoding — each by row and column")
    func badRegisters() async throws {
        let h = try await Harness.chain()
        try await Application(router: h.api.router()).test(.router) { client in
            let bad = """
                患者ID,氏名,施設,主治医,副主治医,病院,同意日
                pt1,山田,c1,p9,,,
                pt1,佐藤,c1,p1,p1,c2,2026/13/40

                """
            let r = try await call(client, .put, "/v1/patients", body: bad, contentType: "text/csv")
            #expect(r.status == .unprocessableContent, "\(r.body)")
            let issues = try #require(try jsonObject(r.body)["issues"] as? [[String: Any]])
            func has(_ line: Int, _ column: Int, _ text: String) -> Bool {
                issues.contains { $0["line"] as? Int == line && $0["column"] as? Int == column && ($0["message"] as? String)?.contains(text) == true }
            }
            #expect(has(2, 4, "unknown member \"p9\""), "\(issues)")
            #expect(has(3, 1, "also on line 2"), "\(issues)")
            #expect(has(3, 5, "attending doctor too"), "\(issues)")
            #expect(has(3, 6, "not a hospital"), "\(issues)")
            #expect(has(3, 7, "not a date"), "\(issues)")
            #expect(try await h.store.patients().isEmpty, "nothing stored")

            // Latin-1 bytes are neither UTF-8 nor Shift_JIS.
            var latin1 = Data("id,name,facility,attending\npt9,".utf8)
            latin1.append(contentsOf: [0xE9, 0xFF, 0xFE, 0x80])
            latin1.append(contentsOf: Array(",c1,p1\n".utf8))
            let wrong = try await upload(client, latin1)
            #expect(wrong == .unprocessableContent)

            // The same register saved by Excel as Shift_JIS with a BOM-less Japanese header reads fine.
            let sjis = try #require("患者ID,氏名,施設,主治医\npt5,伊藤 四郎,c1,p1\n".data(using: .shiftJIS))
            let ok = try await upload(client, sjis)
            #expect(ok == .ok)
            #expect(try await h.store.patient(id: "pt5")?.name == "伊藤 四郎")
        }
    }

    @Test("a patient's call: attending, partner, the rota's primary and backup, the hospital doctor on duty, the coordinator; the page says who calls")
    func theChainForAPatient() async throws {
        let h = try await Harness.chain()
        try await Application(router: h.api.router()).test(.router) { client in
            try await setUp(client)
            let id = try await escalate(client, #"{"patient":"pt1","note":"呼吸苦"}"#, token: Harness.facilityToken)
            let steps = try await plan(client, id)
            #expect(steps.map { $0["tier"] as? String } == ["attending", "partner", "primary", "backup", "hospital", "coordinator"])
            #expect(steps.map(targets) == [["p2"], ["p1"], ["p3"], ["p4"], ["h2"], ["coordinator"]], "exactly the rostered hospital doctor")
            await h.engine.tick()
            #expect(h.notifier.members == ["p2"])
            let page = try #require(h.notifier.pages.first)
            #expect(page.tier == "attending" && page.patient == "pt1" && page.patientName == "山田 花子")
            #expect(page.facility == "c1" && page.facilityName == "一診療所" && page.callback == "0120-111-111")
            for _ in 0..<5 {
                h.clock.advance(by: 300)
                await h.engine.tick()
            }
            #expect(h.notifier.members == ["p2", "p1", "p3", "p4", "h2", "coordinator"])
            #expect(h.notifier.pages.map(\.tier) == ["attending", "partner", "primary", "backup", "hospital", "coordinator"])
        }
    }

    @Test("an attending who is off is skipped with the reason; the partner is paged at once")
    func anAttendingWhoIsOffIsSkipped() async throws {
        let h = try await Harness.chain()
        try await Application(router: h.api.router()).test(.router) { client in
            try await setUp(client)
            let id = try await escalate(client, #"{"patient":"pt3"}"#)
            let first = try #require(try await plan(client, id).first)
            #expect(first["tier"] as? String == "attending" && targets(first).isEmpty)
            let skipped = try #require(first["skipped"] as? [[String: Any]])
            #expect(skipped.first?["reason"] as? String == "p5 off 2026-12-05", "\(skipped)")
            await h.engine.tick()
            #expect(h.notifier.members == ["p2"], "no wait for a step with nobody in it")
        }
    }

    @Test("a patient without partner, hospital or consent: the district's hospital on duty; no name in the page")
    func aPatientWithoutPartnerOrHospital() async throws {
        let h = try await Harness.chain()
        try await Application(router: h.api.router()).test(.router) { client in
            try await setUp(client)
            let id = try await escalate(client, #"{"patient":"pt2"}"#, token: Harness.callCentreToken)
            let steps = try await plan(client, id)
            #expect(steps.map { $0["tier"] as? String } == ["attending", "primary", "backup", "hospital", "coordinator"])
            #expect(targets(steps[3]) == ["h2"])
            await h.engine.tick()
            #expect(h.notifier.pages.first?.patient == "pt2" && h.notifier.pages.first?.patientName == nil)
            // The call centre follows the escalation it started.
            #expect(try await call(client, .get, "/v1/escalations/\(id)", token: Harness.callCentreToken).status == .ok)
        }
    }

    @Test("by day the attending is also the rota's primary: paged once, the primary step skipped as already paged and passed at once")
    func someoneAlreadyPagedIsNotPagedAgain() async throws {
        let h = try await Harness.chain(now: instant("2026-12-07T10:00:00+09:00"))
        try await Application(router: h.api.router()).test(.router) { client in
            try await setUp(client)
            let id = try await escalate(client, #"{"patient":"pt2"}"#)
            let steps = try await plan(client, id)
            let primary = try #require(steps.first { $0["tier"] as? String == "primary" })
            #expect(targets(primary).isEmpty)
            #expect((primary["skipped"] as? [[String: Any]])?.first?["reason"] as? String == "already paged (attending)")
            await h.engine.tick()
            h.clock.advance(by: 300)
            await h.engine.tick()
            #expect(h.notifier.members == ["p1", "p2"], "after the attending's time: straight to the backup")
        }
    }

    @Test("a nurse's call reaches the physician on duty, then the hospital, then the coordinator")
    func aNurseEscalationReachesAPhysician() async throws {
        let h = try await Harness.chain()
        try await Application(router: h.api.router()).test(.router) { client in
            try await setUp(client)
            let id = try await escalate(client, #"{"pool":"nurses","note":"疼痛増強"}"#)
            let steps = try await plan(client, id)
            #expect(steps.map { $0["tier"] as? String } == ["primary", "physician", "hospital", "coordinator"])
            #expect(steps.map(targets) == [["n2"], ["p3"], ["h2"], ["coordinator"]])
            #expect(steps[1]["pool"] as? String == "docs")
        }
    }

    @Test("a configured chain replaces the default: its steps, their waits and a named contact")
    func aConfiguredPolicy() async throws {
        let policy = EscalationPolicy(
            ackTimeoutSeconds: 300, rounds: 1, coordinator: Harness.coordinator,
            chains: [ChainPolicy(kind: .patient, steps: [
                PolicyStep(.partner, waitSeconds: 120), PolicyStep(.pool("hosp-docs", .primary), waitSeconds: 60), PolicyStep(.contact("night-office")),
            ])],
            contacts: [ExtraContact(id: "night-office", contact: Contact(webhook: "http://127.0.0.1:9/hook/office"))])
        let h = try await Harness.chain(policy: policy)
        try await Application(router: h.api.router()).test(.router) { client in
            try await setUp(client)
            let id = try await escalate(client, #"{"patient":"pt1"}"#)
            let steps = try await plan(client, id)
            #expect(steps.map(targets) == [["p1"], ["h2"], ["night-office"]])
            #expect(steps.map { $0["wait_seconds"] as? Double } == [120, 60, 300])
            await h.engine.tick()
            h.clock.advance(by: 120)
            await h.engine.tick()
            #expect(h.notifier.members == ["p1", "h2"], "the partner's step waited its own 120 s")
            // The pool escalation is not matched by a patient policy: the default chain.
            let poolID = try await escalate(client, #"{"pool":"docs"}"#)
            #expect(try await plan(client, poolID).map { $0["tier"] as? String } == ["primary", "backup", "hospital", "coordinator"])
        }
    }

    @Test("idempotency keys are the caller's own; the same key with another request is 409 naming it")
    func idempotencyIsPerCaller() async throws {
        let h = try await Harness.chain()
        try await Application(router: h.api.router()).test(.router) { client in
            try await setUp(client)
            let a = try await escalate(client, #"{"patient":"pt1","idempotency_key":"k1"}"#, token: Harness.facilityToken)
            let b = try await escalate(client, #"{"patient":"pt1","idempotency_key":"k1"}"#, token: Harness.callCentreToken)
            #expect(a != b, "another caller's key never returns (and silences) this call")
            let again = try await call(client, .post, "/v1/escalations", token: Harness.facilityToken, body: #"{"patient":"pt1","idempotency_key":"k1"}"#)
            #expect(again.status == .ok && again.body.contains(a))
            let other = try await call(client, .post, "/v1/escalations", token: Harness.facilityToken, body: #"{"patient":"pt2","idempotency_key":"k1"}"#)
            #expect(other.status == .conflict && other.body.contains("idempotency_key") && other.body.contains("k1"), "\(other.body)")
        }
    }

    @Test("bad requests name the field: unknown field, urgency, trailing comma, a patient of another facility, impossible instants")
    func badRequestsNameTheField() async throws {
        let h = try await Harness.chain()
        try await Application(router: h.api.router()).test(.router) { client in
            try await setUp(client)
            let typo = try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs","urgncy":"high"}"#)
            #expect(typo.status == .badRequest && typo.body.contains("urgncy") && typo.body.contains("urgency"), "\(typo.body)")
            let urgency = try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs","urgency":"extreme"}"#)
            #expect(urgency.status == .badRequest && urgency.body.contains("urgency"), "\(urgency.body)")
            let comma = try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs","note":"x",}"#)
            #expect(comma.status == .badRequest, "\(comma.body)")
            let stranger = try await call(client, .post, "/v1/escalations", token: Harness.facilityToken, body: #"{"patient":"pt3"}"#)
            #expect(stranger.status == .forbidden, "pt3 belongs to c2")
            let unknown = try await call(client, .post, "/v1/escalations", body: #"{"patient":"nobody"}"#)
            #expect(unknown.status == .badRequest && unknown.body.contains("patient"))
            for at in ["2026-02-30T10:00:00%2B09:00", "99999-01-01T00:00:00Z", "2026-12-05T25:00:00%2B09:00"] {
                let r = try await call(client, .get, "/v1/oncall?pool=docs&at=\(at)")
                #expect(r.status == .badRequest && r.body.contains("at"), "\(at): \(r.status) \(r.body)")
            }
            #expect(try await call(client, .get, "/v1/oncall?pool=docs&at=2026-12-05T23:00:00%2B09:00").status == .ok)
        }
    }

    @Test("only members paged so far may answer: a later step's doctor cannot acknowledge the attending's page; an admin may, recorded as such")
    func onlyThosePagedMayAnswer() async throws {
        let h = try await Harness.chain()
        try await Application(router: h.api.router()).test(.router) { client in
            try await setUp(client)
            let id = try await escalate(client, #"{"patient":"pt1"}"#)
            await h.engine.tick()
            let early = try await call(client, .post, "/v1/escalations/\(id)/ack", token: Harness.responderToken, body: #"{"member":"p3"}"#)
            #expect(early.status == .forbidden, "p3 (the rota's primary) has not been paged yet: \(early.body)")
            #expect(try await h.store.escalation(id: id)?.status == .open)
            let typo = try await call(client, .post, "/v1/escalations/\(id)/ack", body: #"{"member":"p22"}"#)
            #expect(typo.status == .badRequest && typo.body.contains("p22"), "an admin naming someone the plan does not page: \(typo.body)")
            let admin = try await call(client, .post, "/v1/escalations/\(id)/ack", body: #"{"member":"p2"}"#)
            #expect(admin.status == .ok)
            let late = try await call(client, .post, "/v1/escalations/\(id)/decline", body: #"{"member":"p2"}"#)
            let lateStatus = try jsonObject(late.body)["status"] as? String
            #expect(late.status == .ok && lateStatus == "acknowledged", "an acknowledgement is final")
            #expect(try await h.store.acknowledgements(escalation: id).count == 1)
        }
    }

    @Test("the call centre sees who would be paged now, in order, with names and facilities")
    func theCallCentreSeesTheChain() async throws {
        let h = try await Harness.chain()
        try await Application(router: h.api.router()).test(.router) { client in
            try await setUp(client)
            let r = try await call(client, .get, "/v1/patients/pt1/chain", token: Harness.callCentreToken)
            #expect(r.status == .ok, "\(r.body)")
            let steps = try #require(try jsonObject(r.body)["steps"] as? [[String: Any]])
            let first = try #require((steps.first?["targets"] as? [[String: Any]])?.first)
            #expect(first["name"] as? String == "医師二" && first["facility_name"] as? String == "二診療所")
            #expect(try await call(client, .get, "/v1/patients/pt4/chain", token: Harness.callCentreToken).status == .forbidden)
            #expect(try await call(client, .get, "/v1/patients/pt1/chain", token: Harness.responderToken).status == .forbidden)
        }
    }

    @Test("e-mail and SMS pages say who calls, the number to call back and the patient (by name only with consent)")
    func mailAndSMSSayWhoCalls() throws {
        var m = PageMessage(
            pageId: "pg", escalationId: "e", member: "p2", tier: "attending", pool: "docs", note: "発熱", urgency: "high", ackURL: "http://x/a",
            declineURL: "http://x/d", patient: "pt1", patientName: "山田 花子", facility: "c1", facilityName: "一診療所", callback: "0120-111-111")
        let mail = SMTPNotifier.mail(of: m, from: "oncall@example.invalid", to: "p2@example.invalid")
        let encoded = mail.components(separatedBy: "\r\n\r\n").dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
        let body = String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
        #expect(body.contains("From: 一診療所, call back 0120-111-111") && body.contains("Patient: 山田 花子"), "\(body)")
        #expect(SMSGatewayNotifier.text(of: m).contains("一診療所 0120-111-111 山田 花子"))
        m.patientName = nil
        #expect(SMSGatewayNotifier.text(of: m).contains(" pt1:") && !SMSGatewayNotifier.text(of: m).contains("山田"))
    }
}
