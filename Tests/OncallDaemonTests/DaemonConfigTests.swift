// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallDaemon
import RosterModel
import Testing

struct DaemonConfigTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    func issues(_ yaml: String, network: Network? = nil) -> [InputIssue] {
        do {
            _ = try DaemonConfig.parse(yaml, file: "daemon.yaml", network: network)
            return []
        } catch {
            return error.issues
        }
    }

    @Test("Samples/daemon.yaml reads against Samples/rural.yaml, every section")
    func sampleConfigReads() throws {
        let network = try NetworkLoader.load(path: Self.samples.appendingPathComponent("rural.yaml").path)
        let config = try DaemonConfig.load(path: Self.samples.appendingPathComponent("daemon.yaml").path, network: network)
        #expect(config.adminToken == "change-me-admin")
        #expect(config.tokens.map(\.role) == [.facility, .responder, .callCentre])
        #expect(config.tokens.last?.districts == ["kitayama", "minamikawa"])
        #expect(config.contacts.map(\.id) == ["night-office"])
        #expect(config.chains.first?.role == .nurse && config.chains.first?.steps.first == PolicyStep(.primary, waitSeconds: 180))
        #expect(config.chains.first?.steps.contains(PolicyStep(.contact("night-office"))) == true)
        #expect(config.tokens.first?.facility == "kitayama-chuo")
        #expect(config.smtp?.port == 25)
        #expect(config.sms?.accountSid == "AC0000000000")
        let policy = config.policy(ackTimeout: nil)
        #expect(policy.ackTimeoutSeconds == 300 && policy.rounds == 2)
        #expect(policy.coordinator?.id == "coordinator" && policy.admins.map(\.id) == ["office"])
        #expect(config.policy(ackTimeout: 60).ackTimeoutSeconds == 60, "--ack-timeout wins over the file")
        #expect(config.http.idleTimeoutSeconds == 30 && config.http.maxConnections == 512)
    }

    @Test("smtp: a from or helo with a line break is refused, since it goes into SMTP commands")
    func smtpFromHasNoLineBreak() {
        let found = issues(#"smtp: {host: 127.0.0.1, from: "oncall@example.invalid\r\nRCPT TO:<x@example.invalid>", helo: "a\nb"}"#)
        #expect(found.contains { $0.field == "smtp.from" && $0.message.contains("line break") }, "\(found)")
        #expect(found.contains { $0.field == "smtp.helo" }, "\(found)")
    }

    @Test("http: idle timeout and connection cap read with their lines; defaults without the section")
    func httpSettings() throws {
        let config = try DaemonConfig.parse("http: {idle_timeout_seconds: 2.5, max_connections: 50}\n", file: "daemon.yaml")
        #expect(config.http.idleTimeoutSeconds == 2.5 && config.http.maxConnections == 50)
        let defaults = try DaemonConfig.parse("admin_token: x\n", file: "daemon.yaml").http
        #expect(defaults.idleTimeoutSeconds == 30 && defaults.maxConnections == 512)
        let found = issues("""
            admin_token: x
            http:
              idle_timeout_seconds: 0
              max_connections: many
              idle_timeout: 5
            """)
        let text = found.map(\.description).joined(separator: "\n")
        #expect(found.contains { $0.field == "http.idle_timeout_seconds" && $0.line == 3 }, "\(text)")
        #expect(found.contains { $0.field == "http.max_connections" && $0.line == 4 }, "\(text)")
        #expect(found.contains { $0.field == "http.idle_timeout" && $0.line == 5 && $0.hint?.contains("idle_timeout_seconds") == true }, "\(text)")
    }

    @Test("a misspelt key is an error with its line and a suggestion, not a silent default")
    func typoIsNamed() {
        let found = issues("""
            admin_token: x
            policy:
              ack_timeout: 60
            """)
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.field == "policy.ack_timeout")
        #expect(found.first?.hint?.contains("ack_timeout_seconds") == true)
    }

    @Test("tokens: unknown role, missing scope, unknown facility and member, a token given twice")
    func tokenProblemsAreAllReported() throws {
        let network = try loadDaemonNetwork()
        let found = issues("""
            tokens:
              - {token: a, role: owner}
              - {token: b, role: facility}
              - {token: c, role: facility, facility: c9}
              - {token: d, role: responder, member: p7}
              - {token: a, role: admin}
            """, network: network)
        let text = found.map(\.description).joined(separator: "\n")
        #expect(found.contains { $0.field == "tokens[0].role" && $0.hint?.contains("admin, facility, responder or call_centre") == true }, "\(text)")
        #expect(found.contains { $0.field == "tokens[1]" && $0.message.contains("needs facility") }, "\(text)")
        #expect(found.contains { $0.field == "tokens[2].facility" && $0.line == 4 && $0.hint?.contains("\"c1\"") == true }, "\(text)")
        #expect(found.contains { $0.field == "tokens[3].member" && $0.message.contains("p7") }, "\(text)")
        #expect(found.contains { $0.field == "tokens[4].token" && $0.message.contains("tokens[0]") }, "\(text)")
    }

    @Test("values out of range, addresses that are not addresses, a contact with no channel")
    func badValues() {
        let found = issues("""
            public_url: oncall.example.jp
            webhook: {secret: s, timeout_seconds: 0}
            policy:
              rounds: 0
              coordinator: {id: coord, contact: {}}
            smtp: {host: 127.0.0.1, from: oncall}
            sms: {account_sid: a, auth_token: b, from: "+81"}
            """)
        let fields = Set(found.compactMap(\.field))
        for field in ["public_url", "webhook.timeout_seconds", "policy.rounds", "policy.coordinator.contact", "smtp.from", "sms"] {
            #expect(fields.contains(field), "\(field) not reported in \(found)")
        }
    }

    @Test("a YAML syntax error names its line")
    func syntaxError() {
        let found = issues("admin_token: x\ntokens:\n  - {token: a, role: admin\n")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("YAML syntax error") == true)
        #expect(found.first?.line != nil)
    }

    @Test("policies: an unknown step, pool, contact or tier is named with its line; steps need a list")
    func badPolicies() throws {
        let network = try loadDaemonNetwork()
        let found = issues("""
            contacts:
              - {id: desk, contact: {webhook: "http://127.0.0.1:9/desk"}}
            policies:
              - pool: doks
                steps: [primary, bakup, {pool: docs, tier: third}, {contact: desc}]
              - role: nurse
            """, network: network)
        let text = found.map(\.description).joined(separator: "\n")
        #expect(found.contains { $0.field == "policies[0].pool" && $0.line == 4 && $0.hint?.contains("docs") == true }, "\(text)")
        #expect(found.contains { $0.field == "policies[0].steps[1]" && $0.message.contains("bakup") }, "\(text)")
        #expect(found.contains { $0.field == "policies[0].steps[2].tier" }, "\(text)")
        #expect(found.contains { $0.field == "policies[0].steps[3].contact" && $0.hint?.contains("desk") == true }, "\(text)")
        #expect(found.contains { $0.field == "policies[1].steps" }, "\(text)")
    }
}
