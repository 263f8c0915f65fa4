// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOHTTP1
import OncallDaemon
import OncallNotifiers
import OncallStore
import Testing

/// A config without `webhook:` used to sign every page with the empty key, which anyone can compute.
struct WebhookSigningTests {
    @Test("with no webhook secret in the config, a real daemon signs pages with the secret it keeps in its database, never the empty key")
    func pagesAreSignedWithTheStoredSecret() async throws {
        let daemon = try await PagingDaemon(webhookSecret: nil)
        defer { daemon.stop() }
        try await daemon.publishAroundNow()
        #expect(try await daemon.escalateAndAwaitPage(note: "signed"), "\(daemon.log)")
        let page = try #require(daemon.receiver.pages.first)
        let signature = try #require(page.signature)
        let stored = try await SQLiteStore(path: daemon.dir.file("oncall.sqlite")).secret(named: "webhook")
        #expect(stored.count == 64)
        #expect(signature == WebhookNotifier.signature(of: page.body, secret: stored), "signed with the stored secret")
        #expect(signature != WebhookNotifier.signature(of: page.body, secret: ""), "not with the empty key")
    }
}
