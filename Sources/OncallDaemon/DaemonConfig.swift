// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOCore
import RosterModel
import Yams

/// The daemon's config file (`--config daemon.yaml`): tokens, channel settings, escalation policy.
public struct DaemonConfig: Decodable, Sendable {
    public var adminToken: String?
    /// The address pages' acknowledge links point at, e.g. "https://oncall.example.jp".
    public var publicURL: String?
    public var tokens: [TokenGrant]
    public var webhook: WebhookSettings?
    /// Signs acknowledge links; defaults to the webhook secret.
    public var linkSecret: String?
    public var policy: PolicySettings?
    public var smtp: SMTPSettings?
    public var sms: SMSSettings?

    /// The SMTP relay e-mail pages go through.
    public struct SMTPSettings: Decodable, Sendable {
        public var host: String
        public var port: Int?
        public var from: String
        public var helo: String?
    }

    /// A Twilio-compatible SMS gateway.
    public struct SMSSettings: Decodable, Sendable {
        public var url: String
        public var accountSid: String
        public var authToken: String
        public var from: String
        enum CodingKeys: String, CodingKey {
            case url, from
            case accountSid = "account_sid"
            case authToken = "auth_token"
        }
    }

    public struct WebhookSettings: Decodable, Sendable {
        public var secret: String
        public var timeoutSeconds: Double?
        enum CodingKeys: String, CodingKey {
            case secret
            case timeoutSeconds = "timeout_seconds"
        }
    }

    public struct PolicySettings: Decodable, Sendable {
        public var ackTimeoutSeconds: Double?
        public var rounds: Int?
        public var coordinator: ExtraContact?
        public var admins: [ExtraContact]?
        enum CodingKeys: String, CodingKey {
            case rounds, coordinator, admins
            case ackTimeoutSeconds = "ack_timeout_seconds"
        }
    }

    enum CodingKeys: String, CodingKey {
        case tokens, webhook, policy, smtp, sms
        case adminToken = "admin_token"
        case publicURL = "public_url"
        case linkSecret = "link_secret"
    }

    public init(adminToken: String? = nil, publicURL: String? = nil, tokens: [TokenGrant] = [], webhook: WebhookSettings? = nil,
                linkSecret: String? = nil, policy: PolicySettings? = nil) {
        self.adminToken = adminToken
        self.publicURL = publicURL
        self.tokens = tokens
        self.webhook = webhook
        self.linkSecret = linkSecret
        self.policy = policy
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        adminToken = try c.decodeIfPresent(String.self, forKey: .adminToken)
        publicURL = try c.decodeIfPresent(String.self, forKey: .publicURL)
        tokens = try c.decodeIfPresent([TokenGrant].self, forKey: .tokens) ?? []
        webhook = try c.decodeIfPresent(WebhookSettings.self, forKey: .webhook)
        linkSecret = try c.decodeIfPresent(String.self, forKey: .linkSecret)
        policy = try c.decodeIfPresent(PolicySettings.self, forKey: .policy)
        smtp = try c.decodeIfPresent(SMTPSettings.self, forKey: .smtp)
        sms = try c.decodeIfPresent(SMSSettings.self, forKey: .sms)
    }

    /// The notifiers the config enables; a channel without settings fails over to the member's next one.
    public func channelRouter() -> ChannelRouter {
        ChannelRouter(
            webhook: WebhookNotifier(secret: webhook?.secret ?? "", timeout: .milliseconds(Int64((webhook?.timeoutSeconds ?? 5) * 1000))),
            email: smtp.map { SMTPNotifier(host: $0.host, port: $0.port ?? 25, from: $0.from, helo: $0.helo ?? "oncall.localdomain") },
            sms: sms.map { SMSGatewayNotifier(baseURL: $0.url, account: $0.accountSid, authToken: $0.authToken, from: $0.from) })
    }

    public static func load(path: String) throws -> DaemonConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw DaemonConfigError("\(path): no such file") }
        do {
            return try YAMLDecoder().decode(DaemonConfig.self, from: String(decoding: data, as: UTF8.self))
        } catch {
            throw DaemonConfigError("\(path): \(error)")
        }
    }

    public func policy(ackTimeout: Double?) -> EscalationPolicy {
        EscalationPolicy(
            ackTimeoutSeconds: ackTimeout ?? policy?.ackTimeoutSeconds ?? 300, rounds: policy?.rounds ?? 2,
            coordinator: policy?.coordinator, admins: policy?.admins ?? [])
    }
}

public struct DaemonConfigError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A bearer token and what it may do.
public struct TokenGrant: Decodable, Sendable, Equatable {
    public var token: String
    public var role: Principal.Role
    /// For `facility` tokens: the one facility they act for.
    public var facility: String?
    /// For `responder` tokens: the member whose pages they answer.
    public var member: String?
    /// Who the audit log names; defaults to the role and scope.
    public var name: String?

    public init(token: String, role: Principal.Role, facility: String? = nil, member: String? = nil, name: String? = nil) {
        self.token = token
        self.role = role
        self.facility = facility
        self.member = member
        self.name = name
    }
}
