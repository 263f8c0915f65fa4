// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel
import Yams

extension DaemonConfig {
    /// Parses a config file's text; every problem is reported at once, with its line and field.
    public static func parse(_ text: String, file: String, network: Network? = nil) throws(InputError) -> DaemonConfig {
        let top = try YAMLDocument.top(text, file: file, emptyHint: "see Samples/daemon.yaml for every field")
        let config = DaemonConfigReader(top: top, network: network).read()
        if top.issues.issues.isEmpty { return config }
        throw InputError(top.issues.issues)
    }
}

/// One pass over the config document, in the network file's manner: typed fields, unknown keys, references.
private struct DaemonConfigReader {
    let top: YAMLFields
    let network: Network?

    func read() -> DaemonConfig {
        top.rejectUnknownKeys(["admin_token", "public_url", "tokens", "webhook", "link_secret", "policy", "smtp", "sms", "http"])
        var config = DaemonConfig(
            adminToken: top.string("admin_token"), publicURL: url(top, "public_url"), tokens: top.list("tokens").compactMap(token),
            webhook: top.fields("webhook").flatMap(webhook), linkSecret: top.string("link_secret"), policy: top.fields("policy").map(policy))
        config.smtp = top.fields("smtp").flatMap(smtp)
        config.sms = top.fields("sms").flatMap(sms)
        if let f = top.fields("http") { config.http = http(f) }
        var seen: [String: String] = [:]
        for (i, item) in (top["tokens"]?.sequence ?? []).enumerated() {
            guard let token = item.mapping?.first(where: { $0.key.string == "token" })?.value, let text = token.string else { continue }
            if let earlier = seen[text] {
                top.issues.report(token, "tokens[\(i)].token", "is the same token as \(earlier)", hint: "give every token its own secret")
            }
            seen[text] = "tokens[\(i)]"
        }
        return config
    }

    func url(_ f: YAMLFields, _ key: String) -> String? {
        guard let text = f.string(key) else { return nil }
        guard let u = URL(string: text), let scheme = u.scheme, ["http", "https"].contains(scheme), u.host != nil else {
            f.report(key, "expected an http:// or https:// address, got \"\(text)\"")
            return nil
        }
        return text
    }

    func token(_ f: YAMLFields) -> TokenGrant? {
        f.rejectUnknownKeys(["token", "role", "facility", "member", "name"])
        let token = f.string("token", required: true)
        let roleText = f.string("role", required: true)
        let role = roleText.flatMap { text in
            let role = Principal.Role(rawValue: text)
            if role == nil { f.report("role", "unknown role \"\(text)\"", hint: "use admin, facility or responder") }
            return role
        }
        let facility = f.string("facility"), member = f.string("member")
        if role == .facility, facility == nil { f.report(nil, "a facility token needs facility:", hint: "add facility: ID (a facility of the network)") }
        if role == .responder, member == nil { f.report(nil, "a responder token needs member:", hint: "add member: ID (a member of the network)") }
        if let network {
            if let facility, network.facilityIndex[facility] == nil {
                f.report("facility", "unknown facility \"\(facility)\"", hint: suggestion(for: facility, among: network.facilities.map(\.id)))
            }
            if let member, network.memberIndex[member] == nil {
                f.report("member", "unknown member \"\(member)\"", hint: suggestion(for: member, among: network.members.map(\.id)))
            }
        }
        guard let token, let role else { return nil }
        return TokenGrant(token: token, role: role, facility: facility, member: member, name: f.string("name"))
    }

    func webhook(_ f: YAMLFields) -> DaemonConfig.WebhookSettings? {
        f.rejectUnknownKeys(["secret", "timeout_seconds"])
        let secret = f.string("secret", required: true)
        let timeout = f.double("timeout_seconds", range: 0.1...120)
        return secret.map { DaemonConfig.WebhookSettings(secret: $0, timeoutSeconds: timeout) }
    }

    func policy(_ f: YAMLFields) -> DaemonConfig.PolicySettings {
        f.rejectUnknownKeys(["ack_timeout_seconds", "rounds", "coordinator", "admins"])
        return DaemonConfig.PolicySettings(
            ackTimeoutSeconds: f.double("ack_timeout_seconds", range: 1...86_400), rounds: f.int("rounds", range: 1...20),
            coordinator: f.fields("coordinator").flatMap(contact), admins: f["admins"] == nil ? nil : f.list("admins").compactMap(contact))
    }

    func contact(_ f: YAMLFields) -> ExtraContact? {
        f.rejectUnknownKeys(["id", "contact"])
        let id = f.string("id", required: true)
        let contact = f.contact("contact")
        if f["contact"] == nil { f.report(nil, "missing contact:", hint: "add contact: {webhook: URL, email: ADDRESS, sms: NUMBER}") }
        if let contact, Channel.of(contact).isEmpty { f.report("contact", "has no channel", hint: "give a webhook, email or sms") }
        guard let id, let contact else { return nil }
        return ExtraContact(id: id, contact: contact)
    }

    func smtp(_ f: YAMLFields) -> DaemonConfig.SMTPSettings? {
        f.rejectUnknownKeys(["host", "port", "from", "helo", "starttls", "ca_file", "username", "password"])
        let host = f.string("host", required: true), from = f.string("from", required: true)
        if let from, !from.contains("@") { f.report("from", "expected an e-mail address, got \"\(from)\"") }
        // It goes into MAIL FROM and the From header, where a line break would start another command or header.
        if let from, PageNote.oneLine(from) != from || !from.utf8.allSatisfy({ $0 < 0x80 }) {
            f.report("from", "holds a line break, a control character or a character that is not ASCII")
        }
        if let helo = f.string("helo"), PageNote.oneLine(helo) != helo { f.report("helo", "holds a line break or a control character") }
        let port = f.int("port", range: 1...65535)
        let starttls = f.bool("starttls") ?? false
        let caFile = f.string("ca_file")
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) { f.report("ca_file", "cannot read \(caFile)", hint: "give a PEM file of the relay's CA") }
        if caFile != nil, !starttls { f.report("ca_file", "is only used with starttls: true") }
        let username = f.string("username"), password = f.string("password")
        if (username == nil) != (password == nil) { f.report(username == nil ? "password" : "username", "username and password go together") }
        if username != nil, !starttls, let host, !SMTPNotifier.isLoopback(host) {
            f.report("username", "would cross the network in clear text", hint: "add starttls: true, or relay through 127.0.0.1")
        }
        guard let host, let from else { return nil }
        let credentials = username.flatMap { u in password.map { SMTPNotifier.Credentials(username: u, password: $0) } }
        return DaemonConfig.SMTPSettings(host: host, port: port, from: from, helo: f.string("helo"), starttls: starttls, caFile: caFile, credentials: credentials)
    }

    func http(_ f: YAMLFields) -> DaemonConfig.HTTPSettings {
        f.rejectUnknownKeys(["idle_timeout_seconds", "max_connections"])
        var settings = DaemonConfig.HTTPSettings()
        if let seconds = f.double("idle_timeout_seconds", range: 0.1...3600) { settings.idleTimeoutSeconds = seconds }
        if let count = f.int("max_connections", range: 1...65_000) { settings.maxConnections = count }
        return settings
    }

    func sms(_ f: YAMLFields) -> DaemonConfig.SMSSettings? {
        f.rejectUnknownKeys(["url", "account_sid", "auth_token", "from"])
        let url = url(f, "url")
        if f["url"] == nil { f.report(nil, "missing url:", hint: "add url: https://… (the gateway's base address)") }
        let sid = f.string("account_sid", required: true), token = f.string("auth_token", required: true), from = f.string("from", required: true)
        guard let url, let sid, let token, let from else { return nil }
        return DaemonConfig.SMSSettings(url: url, accountSid: sid, authToken: token, from: from)
    }
}
