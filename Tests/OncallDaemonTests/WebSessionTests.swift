// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import OncallDaemon
import OncallStore
import Testing

/// The session cookie used to be the token itself: a copied cookie was the token for good, and /logout
/// could not take it back. Now it names a session the daemon keeps (only hashes of it) and can end.
struct WebSessionTests {
    func signIn(_ client: some TestClientProtocol, _ token: String) async throws -> String {
        let r = try await exchange(client, .post, "/login", body: formBody(["token": token, "next": "/"]), contentType: formType)
        #expect(r.status == .seeOther)
        let header = try #require(r.headers[.setCookie])
        return String(try #require(header.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last))
    }

    func open(_ client: some TestClientProtocol, _ value: String) async throws -> (status: HTTPResponse.Status, location: String?) {
        let r = try await exchange(client, .get, "/", headers: [.cookie: "oncall_session=\(value)"])
        return (r.status, r.headers[.location])
    }

    static func sha256(_ text: String) -> String { SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }

    @Test("the cookie is a session id, not the token: no API credential, ended by /logout, over after 30 days")
    func cookieIsASessionNotTheToken() async throws {
        let h = try await Harness(network: try loadWebNetwork())
        try await h.serve { client in
            try await publishWebRosters(client)
            let value = try await signIn(client, Harness.adminToken)
            #expect(!value.contains(Harness.adminToken))
            var base64 = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            #expect(Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) } != Harness.adminToken, "not the token encoded")
            #expect(value.count >= 43, "256 bits")
            #expect(try await open(client, value).status == .ok)
            #expect(try await signIn(client, Harness.adminToken) != value, "a new session for each sign-in")
            // Not a bearer token anywhere.
            #expect(try await call(client, .get, "/v1/oncall", token: value).status == .unauthorized)
            #expect(try await exchange(client, .get, "/", token: value).status == .unauthorized)

            let logout = try await exchange(client, .post, "/logout", headers: [.cookie: "oncall_session=\(value)"])
            #expect(logout.status == .seeOther)
            let after = try await open(client, value)
            #expect(after.status == .seeOther && after.location?.hasPrefix("/login") == true, "the copied cookie is dead too")

            let later = try await signIn(client, Harness.facilityToken)
            h.clock.advance(by: 30 * 24 * 3600 - 60)
            #expect(try await open(client, later).status == .ok)
            h.clock.advance(by: 61)
            #expect(try await open(client, later).location?.hasPrefix("/login") == true, "30 days, then sign in again")
        }
    }

    @Test("the database keeps only hashes; a session opens pages while its token is configured and stops when the config drops it")
    func sessionFollowsTheConfiguredToken() async throws {
        let h = try await Harness(network: try loadWebNetwork())
        let (admin, facility) = try await h.serve { client in
            try await publishWebRosters(client)
            return (try await signIn(client, Harness.adminToken), try await signIn(client, Harness.facilityToken))
        }
        let sqlite = try #require(h.store as? SQLiteStore)
        let rows = try sqlite.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM web_session") }
        #expect(rows.count == 2)
        let stored = rows.flatMap { row in row.columnNames.map { row[$0].map { "\($0)" } ?? "" } }.joined(separator: " ")
        for secret in [Harness.adminToken, Harness.facilityToken, admin, facility] { #expect(!stored.contains(secret), "\(secret) stored") }
        #expect(stored.contains(Self.sha256(Harness.facilityToken)) && stored.contains(Self.sha256(facility)))

        // A second daemon on the same database file whose config no longer has the facility's token.
        let store = try SQLiteStore(path: h.dir.file("oncall.sqlite"))
        let changed = try await Daemon(
            try Harness.settings(network: try loadWebNetwork(), withHarnessTokens: false), store: store, notifier: h.notifier, clock: h.clock)
        try await h.serve(changed) { client in
            #expect(try await open(client, admin).status == .ok, "the session outlives the process that made it")
            let dropped = try await open(client, facility)
            #expect(dropped.status == .seeOther && dropped.location?.hasPrefix("/login") == true)
        }
    }
}
