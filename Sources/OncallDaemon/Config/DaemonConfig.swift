// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOCore
import OncallNotifiers
import RosterModel

/// The daemon's config file (`--config daemon.yaml`): tokens, channel settings, escalation policy.
///
/// Read field by field like the network file, so a typo (`ack_timeout:`) is an error with its line
/// and a "did you mean", not a silently ignored key and a five-minute default.
public struct DaemonConfig: Sendable {
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
    public var http = HTTPSettings()

    /// How the HTTP server treats connections (`http:`).
    public struct HTTPSettings: Sendable, Equatable {
        /// A connection with no request for this long, or one sent only in part, is closed.
        public var idleTimeoutSeconds: Double = 30
        /// Connections served at once; more wait in the listen backlog until one closes.
        public var maxConnections: Int = 512
        public init() {}
    }

    /// The SMTP relay e-mail pages go through.
    public struct SMTPSettings: Sendable {
        public var host: String
        public var port: Int?
        public var from: String
        public var helo: String?
        /// Upgrade the connection with STARTTLS before anything else is said (port 587 relays).
        public var starttls: Bool = false
        /// PEM roots the relay's certificate must chain to, for a private CA; default: the system's.
        public var caFile: String?
        public var credentials: SMTPNotifier.Credentials?
    }

    /// A Twilio-compatible SMS gateway.
    public struct SMSSettings: Sendable {
        public var url: String
        public var accountSid: String
        public var authToken: String
        public var from: String
    }

    public struct WebhookSettings: Sendable {
        public var secret: String
        public var timeoutSeconds: Double?
        public init(secret: String, timeoutSeconds: Double? = nil) {
            self.secret = secret
            self.timeoutSeconds = timeoutSeconds
        }
    }

    public struct PolicySettings: Sendable {
        public var ackTimeoutSeconds: Double?
        public var rounds: Int?
        public var coordinator: ExtraContact?
        public var admins: [ExtraContact]?
    }

    /// `policies:`: configured chains, first match wins.
    public var chains: [ChainPolicy] = []
    /// `contacts:`: named contacts a chain's `{contact: ID}` step pages.
    public var contacts: [ExtraContact] = []

    public init(adminToken: String? = nil, publicURL: String? = nil, tokens: [TokenGrant] = [], webhook: WebhookSettings? = nil,
                linkSecret: String? = nil, policy: PolicySettings? = nil) {
        self.adminToken = adminToken
        self.publicURL = publicURL
        self.tokens = tokens
        self.webhook = webhook
        self.linkSecret = linkSecret
        self.policy = policy
    }

    /// The notifiers the config enables; a channel without settings fails over to the member's next one.
    /// `webhookSecret` signs webhook pages: the config's or the stored one (`DaemonSecrets.webhookSecret`).
    public func channelRouter(webhookSecret: String) -> ChannelRouter {
        ChannelRouter(
            webhook: WebhookNotifier(secret: webhookSecret, timeout: .milliseconds(Int64((webhook?.timeoutSeconds ?? 5) * 1000))),
            email: smtp.map {
                SMTPNotifier(
                    host: $0.host, port: $0.port ?? ($0.starttls ? 587 : 25), from: $0.from, helo: $0.helo ?? "oncall.localdomain",
                    starttls: $0.starttls, trustRootsFile: $0.caFile, credentials: $0.credentials)
            },
            sms: sms.map { SMSGatewayNotifier(baseURL: $0.url, account: $0.accountSid, authToken: $0.authToken, from: $0.from) })
    }

    /// Reads the config file; `network`, when given, is what token scopes must name.
    public static func load(path: String, network: Network? = nil) throws(InputError) -> DaemonConfig {
        let text = try UserTextFile.read(path, whatItIs: "give the path of the daemon's config file, e.g. Samples/daemon.yaml", saveAs: "UTF-8")
        return try parse(text, file: path, network: network)
    }

    public func policy(ackTimeout: Double?) -> EscalationPolicy {
        EscalationPolicy(
            ackTimeoutSeconds: ackTimeout ?? policy?.ackTimeoutSeconds ?? 300, rounds: policy?.rounds ?? 2,
            coordinator: policy?.coordinator, admins: policy?.admins ?? [], chains: chains, contacts: contacts)
    }
}

/// A bearer token and what it may do.
public struct TokenGrant: Sendable, Equatable {
    public var token: String
    public var role: Principal.Role
    /// For `facility` tokens: the one facility they act for.
    public var facility: String?
    /// For `responder` tokens: the member whose pages they answer.
    public var member: String?
    /// For `call_centre` tokens: the districts served; nil for the whole region.
    public var districts: Set<String>?
    /// Who the audit log names; defaults to the role and scope.
    public var name: String?

    public init(
        token: String, role: Principal.Role, facility: String? = nil, member: String? = nil, districts: Set<String>? = nil, name: String? = nil
    ) {
        self.token = token
        self.role = role
        self.facility = facility
        self.member = member
        self.districts = districts
        self.name = name
    }
}
