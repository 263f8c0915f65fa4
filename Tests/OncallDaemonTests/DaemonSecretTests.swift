// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Logging
import OncallDaemon
import OncallStore
import Testing

struct DaemonSecretTests {
    @Test("with no secret in the config, links are signed with a random one kept in the database, the same after a restart")
    func generatedLinkSecretIsKept() async throws {
        let dir = try TempDirectory()
        let logger = Logger(label: "test")
        let first = try await DaemonSecrets.linkSecret(DaemonConfig(), store: try SQLiteStore(path: dir.file("a.sqlite")), logger: logger)
        let again = try await DaemonSecrets.linkSecret(DaemonConfig(), store: try SQLiteStore(path: dir.file("a.sqlite")), logger: logger)
        let other = try await DaemonSecrets.linkSecret(DaemonConfig(), store: try SQLiteStore(path: dir.file("b.sqlite")), logger: logger)
        #expect(first.count == 64 && first == again && first != other)
        let configured = DaemonConfig(linkSecret: "from-config")
        #expect(try await DaemonSecrets.linkSecret(configured, store: try SQLiteStore(path: dir.file("a.sqlite")), logger: logger) == "from-config")
        let empty = DaemonConfig(webhook: .init(secret: "", timeoutSeconds: nil))
        #expect(try await DaemonSecrets.linkSecret(empty, store: try SQLiteStore(path: dir.file("a.sqlite")), logger: logger) == first)
    }

    @Test("webhook pages are signed with the config's webhook secret, else one kept in the database apart from the link secret; never the empty key")
    func webhookSecretIsNeverEmpty() async throws {
        let dir = try TempDirectory()
        let logger = Logger(label: "test")
        let store = try SQLiteStore(path: dir.file("a.sqlite"))
        let stored = try await DaemonSecrets.webhookSecret(DaemonConfig(), store: store, logger: logger)
        #expect(stored.count == 64)
        #expect(try await DaemonSecrets.webhookSecret(DaemonConfig(), store: try SQLiteStore(path: dir.file("a.sqlite")), logger: logger) == stored)
        #expect(try await DaemonSecrets.linkSecret(DaemonConfig(), store: store, logger: logger) != stored)
        let empty = DaemonConfig(webhook: .init(secret: ""))
        #expect(try await DaemonSecrets.webhookSecret(empty, store: store, logger: logger) == stored)
        #expect(try await DaemonSecrets.webhookSecret(DaemonConfig(webhook: .init(secret: "hook")), store: store, logger: logger) == "hook")
    }
}
