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
        let first = try await DaemonBuilder.linkSecret(DaemonConfig(), store: try SQLiteStore(path: dir.file("a.sqlite")), logger: logger)
        let again = try await DaemonBuilder.linkSecret(DaemonConfig(), store: try SQLiteStore(path: dir.file("a.sqlite")), logger: logger)
        let other = try await DaemonBuilder.linkSecret(DaemonConfig(), store: try SQLiteStore(path: dir.file("b.sqlite")), logger: logger)
        #expect(first.count == 64 && first == again && first != other)
        let configured = DaemonConfig(linkSecret: "from-config")
        #expect(try await DaemonBuilder.linkSecret(configured, store: try SQLiteStore(path: dir.file("a.sqlite")), logger: logger) == "from-config")
        let empty = DaemonConfig(webhook: .init(secret: "", timeoutSeconds: nil))
        #expect(try await DaemonBuilder.linkSecret(empty, store: try SQLiteStore(path: dir.file("a.sqlite")), logger: logger) == first)
    }
}
