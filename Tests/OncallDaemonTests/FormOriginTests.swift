// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import OncallDaemon
import OncallNotifiers
import OncallStore
import Testing

/// The forms relied on SameSite cookies alone; now every state-changing form also refuses another site's Origin.
struct FormOriginTests {
    static let evil: HTTPFields = [.origin: "http://evil.example"]

    @Test("a POST form whose Origin is another site gets 403 and changes nothing: login, logout, feed keys, an acknowledge link")
    func foreignOriginsAreRefused() async throws {
        let h = try await Harness(network: try loadWebNetwork())
        try await h.serve { client in
            try await publishWebRosters(client)
            let body = formBody(["token": Harness.adminToken, "next": "/"])
            let forged = try await exchange(client, .post, "/login", headers: Self.evil, body: body, contentType: formType)
            #expect(forged.status == .forbidden)
            #expect(forged.headers[.setCookie] == nil, "no session for a form from another site")
            let opaque = try await exchange(client, .post, "/login", headers: [.origin: "null"], body: body, contentType: formType)
            #expect(opaque.status == .forbidden && opaque.headers[.setCookie] == nil)
            // This site's own form, and a client that names no Origin (curl, older browsers), sign in.
            #expect(try await exchange(client, .post, "/login", body: body, contentType: formType).status == .seeOther)
            let own = try await exchange(client, .post, "/login", headers: [.origin: "http://localhost"], body: body, contentType: formType)
            #expect(own.status == .seeOther)
            let cookie = String(try #require(own.headers[.setCookie]?.split(separator: ";").first))
            var session: HTTPFields = [.cookie: cookie]
            session[.origin] = "http://evil.example"

            #expect(try await exchange(client, .post, "/logout", headers: session).status == .forbidden)
            #expect(try await exchange(client, .get, "/", headers: [.cookie: cookie]).status == .ok, "still signed in")
            #expect(try await exchange(client, .post, "/members/p3/feed-key", headers: session).status == .forbidden)
            #expect(try await h.store.activeFeedKeys(kind: .member, subject: "p3").isEmpty)
            #expect(try await exchange(client, .post, "/members/p3/feed-key", headers: [.cookie: cookie]).status == .seeOther)
            let key = try #require(try await h.store.activeFeedKeys(kind: .member, subject: "p3").first)
            let revoke = try await exchange(client, .post, "/members/p3/feed-key/revoke", headers: session, body: "id=\(key.id)", contentType: formType)
            #expect(revoke.status == .forbidden)
            #expect(try await h.store.activeFeedKeys(kind: .member, subject: "p3").count == 1)

            // The acknowledge page's button: from this site's page it answers, from another site's it does not.
            #expect(try await call(client, .post, "/v1/escalations", body: #"{"pool":"docs"}"#).status == .created)
            await h.engine.tick()
            let page = try #require(h.notifier.pages.first)
            let ack = try #require(URLComponents(string: page.ackURL))
            let link = ack.path + "?" + (ack.percentEncodedQuery ?? "")
            #expect(try await exchange(client, .post, link, headers: Self.evil).status == .forbidden)
            #expect(try await h.store.openEscalations().count == 1, "not acknowledged")
            let answered = try await exchange(client, .post, link, headers: [.origin: "http://localhost"])
            #expect(answered.status == .ok)
            #expect(try await h.store.openEscalations().isEmpty)
        }
    }
}
