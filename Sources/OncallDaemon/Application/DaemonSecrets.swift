// SPDX-License-Identifier: GPL-3.0-or-later
import Logging
import OncallStore

/// The keys the daemon signs with: from the config when it gives them, else made once and kept in the
/// database (`daemon_secret`). Never empty: anyone can compute a signature under the empty key.
public enum DaemonSecrets {
    /// What signs acknowledge links and feed keys: the config's `link_secret`, else its webhook secret, else
    /// the stored "link" secret. An empty key would let anyone forge an acknowledgement.
    public static func linkSecret(_ config: DaemonConfig, store: any OncallStore, logger: Logger) async throws -> String {
        if let s = config.linkSecret, !s.isEmpty { return s }
        if let s = config.webhook?.secret, !s.isEmpty { return s }
        logger.info("acknowledge links are signed with a secret kept in the database (no link_secret or webhook secret in the config)")
        return try await store.secret(named: "link")
    }

    /// What signs webhook pages (`X-Oncall-Signature`): the config's `webhook.secret`, else the stored "webhook"
    /// secret, which receivers then need to be given (`SELECT value FROM daemon_secret WHERE name = 'webhook'`).
    public static func webhookSecret(_ config: DaemonConfig, store: any OncallStore, logger: Logger) async throws -> String {
        if let s = config.webhook?.secret, !s.isEmpty { return s }
        logger.info("webhook pages are signed with a secret kept in the database, named \"webhook\" (no webhook secret in the config)")
        return try await store.secret(named: "webhook")
    }
}
