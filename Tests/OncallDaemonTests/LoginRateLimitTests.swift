// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/login` took any number of guesses. Now ten failed sign-ins per client address in five minutes, then 429.
struct LoginRateLimitTests {
    func signIn(_ client: some TestClientProtocol, _ token: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields) {
        let r = try await exchange(client, .post, "/login", body: formBody(["token": token, "next": "/"]), contentType: formType)
        return (r.status, r.headers)
    }

    @Test("the 11th failed sign-in from one address gets 429 with Retry-After; a good token is refused too until the window has passed; a success does not count")
    func failedSignInsAreLimited() async throws {
        let h = try await Harness(network: try loadWebNetwork())
        try await h.serve { client in
            for _ in 1...9 { #expect(try await signIn(client, "guess").status == .unauthorized) }
            // A success between the guesses is no failure: the tenth guess is still answered.
            #expect(try await signIn(client, Harness.adminToken).status == .seeOther)
            #expect(try await signIn(client, "guess").status == .unauthorized)

            let limited = try await signIn(client, "guess")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "300", "\(limited.headers)")
            #expect(limited.headers[.setCookie] == nil)
            // While limited even the right token is refused, so guessing cannot go on.
            h.clock.advance(by: 120)
            let good = try await signIn(client, Harness.adminToken)
            #expect(good.status == .tooManyRequests)
            #expect(good.headers[.retryAfter] == "180")
            #expect(good.headers[.setCookie] == nil)
            // The pages of a session already signed in still open.
            #expect(try await exchange(client, .get, "/", token: Harness.adminToken).status == .ok)

            h.clock.advance(by: 181)
            let after = try await signIn(client, Harness.adminToken)
            #expect(after.status == .seeOther)
            #expect(after.headers[.setCookie]?.hasPrefix("oncall_session=") == true)
        }
    }
}
