// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// What a daemon is started with: the network file, the config file, where it listens.
public struct DaemonSettings: Sendable {
    public var network: Network
    public var config: DaemonConfig
    public var host: String
    public var port: Int
    /// How long each step waits for an acknowledgement, and the chains: the config's, `--ack-timeout` over it.
    public var policy: EscalationPolicy
    public var engine: EngineSettings

    public init(network: Network, config: DaemonConfig, host: String = "127.0.0.1", port: Int = 8080, ackTimeout: Double? = nil) {
        self.network = network
        self.config = config
        self.host = host
        self.port = port
        self.policy = config.policy(ackTimeout: ackTimeout)
        self.engine = EngineSettings()
    }

    /// The address acknowledge links and feeds point at: `public_url`, else where the daemon listens.
    var publicBaseURL: String { config.publicURL ?? "http://\(host):\(port)" }
}

/// How the escalation engine pages and retries.
public struct EngineSettings: Sendable {
    /// Sends per channel before falling back to the member's next channel.
    public var attemptsPerChannel = 2
    /// Seconds between two sends over one channel.
    public var retryBackoff = 0.2
    /// The longest the engine sleeps without looking at the store.
    public var maximumSleep = 1.0
    /// How long an engine's claim on an escalation lasts unless renewed: the longest another daemon waits for a
    /// step whose daemon died.
    public var lease = 10.0
    public init() {}
}
