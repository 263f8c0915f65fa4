// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallNotifiers
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
        top.rejectUnknownKeys(["admin_token", "public_url", "tokens", "webhook", "link_secret", "policy", "smtp", "sms", "http", "policies", "contacts"])
        var config = DaemonConfig(
            adminToken: top.string("admin_token"), publicURL: url(top, "public_url"), tokens: top.list("tokens").compactMap(token),
            webhook: top.fields("webhook").flatMap(webhook), linkSecret: top.string("link_secret"), policy: top.fields("policy").map(policy))
        config.contacts = top.list("contacts").compactMap(contact)
        config.chains = top.list("policies").compactMap { chain($0, contacts: Set(config.contacts.map(\.id))) }
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
        f.rejectUnknownKeys(["token", "role", "facility", "member", "districts", "name"])
        let token = f.string("token", required: true)
        let roleText = f.string("role", required: true)
        let role = roleText.flatMap { text in
            let role = Principal.Role(rawValue: text)
            if role == nil { f.report("role", "unknown role \"\(text)\"", hint: "use admin, facility, responder or call_centre") }
            return role
        }
        let facility = f.string("facility"), member = f.string("member")
        if role == .facility, facility == nil { f.report(nil, "a facility token needs facility:", hint: "add facility: ID (a facility of the network)") }
        if role == .responder, member == nil { f.report(nil, "a responder token needs member:", hint: "add member: ID (a member of the network)") }
        let districts = f.strings("districts").map { Set($0.map(\.0)) }
        if districts != nil, role != .callCentre { f.report("districts", "only a call_centre token is scoped to districts") }
        if let districts, let network {
            for d in districts where !network.districts.contains(where: { $0.id == d }) {
                f.report("districts", "unknown district \"\(d)\"", hint: suggestion(for: d, among: network.districts.map(\.id)))
            }
        }
        if let network {
            if let facility, network.facilityIndex[facility] == nil {
                f.report("facility", "unknown facility \"\(facility)\"", hint: suggestion(for: facility, among: network.facilities.map(\.id)))
            }
            if let member, network.memberIndex[member] == nil {
                f.report("member", "unknown member \"\(member)\"", hint: suggestion(for: member, among: network.members.map(\.id)))
            }
        }
        guard let token, let role else { return nil }
        return TokenGrant(token: token, role: role, facility: facility, member: member, districts: districts, name: f.string("name"))
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

    /// `policies: [{pool | role | for, rounds, steps: [...]}]`. A step is a name (`attending`, `partner`,
    /// `primary`, `backup`, `physician`, `pharmacist`, `hospital`, `coordinator`) or a mapping
    /// `{step: NAME}`, `{pool: ID, tier: primary|backup}` or `{contact: ID}`, each with `wait_seconds`.
    func chain(_ f: YAMLFields, contacts: Set<String>) -> ChainPolicy? {
        f.rejectUnknownKeys(["pool", "role", "for", "rounds", "steps"])
        let pool = f.string("pool"), roleText = f.string("role"), kindText = f.string("for")
        if let pool, let network, network.poolIndex[pool] == nil {
            f.report("pool", "unknown pool \"\(pool)\"", hint: suggestion(for: pool, among: network.pools.map(\.id)))
        }
        let role = roleText.flatMap(Role.init(rawValue:))
        if let roleText, role == nil { f.report("role", "unknown role \"\(roleText)\"", hint: "use physician, nurse or pharmacist") }
        let kind = kindText.flatMap(ChainPolicy.Kind.init(rawValue:))
        if let kindText, kind == nil { f.report("for", "unknown kind \"\(kindText)\"", hint: "use patient or pool") }
        guard let items = f["steps"]?.sequence else {
            f.report("steps", "missing or not a list", hint: "list the steps in order, e.g. [primary, backup, hospital, coordinator]")
            return nil
        }
        var steps: [PolicyStep] = []
        for (i, item) in items.enumerated() {
            let path = "\(f.childPath("steps"))[\(i)]"
            if let name = item.scalar?.string {
                if let step = Self.namedStep(name) { steps.append(PolicyStep(step)) } else {
                    f.issues.report(item, path, "unknown step \"\(name)\"", hint: Self.stepHint)
                }
                continue
            }
            guard let s = YAMLFields(item, path: path, issues: f.issues) else { continue }
            s.rejectUnknownKeys(["step", "pool", "tier", "contact", "wait_seconds"])
            let wait = s.double("wait_seconds", range: 1...86_400)
            if let name = s.string("step") {
                if let step = Self.namedStep(name) { steps.append(PolicyStep(step, waitSeconds: wait)) } else {
                    s.report("step", "unknown step \"\(name)\"", hint: Self.stepHint)
                }
            } else if let id = s.string("pool") {
                if let network, network.poolIndex[id] == nil {
                    s.report("pool", "unknown pool \"\(id)\"", hint: suggestion(for: id, among: network.pools.map(\.id)))
                }
                let tierText = s.string("tier") ?? "primary"
                guard let tier = Tier(rawValue: tierText) else {
                    s.report("tier", "must be primary or backup, got \"\(tierText)\"")
                    continue
                }
                steps.append(PolicyStep(.pool(id, tier), waitSeconds: wait))
            } else if let id = s.string("contact") {
                if !contacts.contains(id) {
                    s.report("contact", "no contact \"\(id)\" under contacts:", hint: suggestion(for: id, among: contacts) ?? "add it under contacts:")
                }
                steps.append(PolicyStep(.contact(id), waitSeconds: wait))
            } else {
                s.report(nil, "a step needs step:, pool: or contact:", hint: Self.stepHint)
            }
        }
        if steps.isEmpty { f.report("steps", "has no step", hint: Self.stepHint) }
        return ChainPolicy(pool: pool, role: role, kind: kind, steps: steps, rounds: f.int("rounds", range: 1...20))
    }

    static let stepHint = "use attending, partner, primary, backup, physician, pharmacist, hospital, coordinator, {pool: ID, tier: primary} or {contact: ID}"

    static func namedStep(_ name: String) -> ChainStep? {
        switch name {
        case "attending": .attending
        case "partner": .partner
        case "primary": .primary
        case "backup": .backup
        case "physician": .physician
        case "pharmacist": .pharmacist
        case "hospital": .hospital
        case "coordinator": .coordinator
        default: nil
        }
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
