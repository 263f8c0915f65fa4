// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Testing

/// `/login?next=/%09/evil.example` sent a signed-in browser to another site: browsers drop tabs and line
/// breaks from a Location, so `/\t/evil.example` reads as `//evil.example`.
struct SafeNextTests {
    /// Values of `next` as the daemon receives them, after the form's or the query's own decoding.
    static let hostile = [
        "/%09/evil.example", "/\t/evil.example", "/\t/evil", "/\\evil", "//evil", "https://evil", "/%2F/evil", "/%2f%2fevil",
        "/%252F/evil", "/%5Cevil", "\r\n", "/\r\n/evil", "/\n/evil", "/ /evil", "/\u{0B}/evil", "/\u{2028}/evil", "/%E2%80%A8/evil",
        "/%00/evil", "/\u{200B}/evil", "/%E2%80%8B/evil", "/\u{3000}/evil", "javascript:alert(1)", "evil.example", "",
    ]
    static let kept = ["/month/2026-12?lang=en", "/members/p3", "/call-centre?q=%E5%B1%B1%E7%94%B0", "/call-centre?q=山田", "/"]

    @Test("after signing in, next goes only to a path on this site: hostile values become /, good ones are kept")
    func nextStaysOnThisSite() async throws {
        let h = try await Harness(network: try loadWebNetwork())
        try await h.serve { client in
            for value in Self.hostile {
                let r = try await exchange(client, .post, "/login", body: formBody(["token": Harness.adminToken, "next": value]), contentType: formType)
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/", "\(value.debugDescription) → \(r.headers[.location] ?? "")")
                // The form carries it the same way.
                let query = formBody(["next": value])
                let form = try await exchange(client, .get, "/login?\(query)")
                #expect(form.body.contains(#"<input type="hidden" name="next" value="/">"#), "\(value.debugDescription)")
            }
            for value in Self.kept {
                let r = try await exchange(client, .post, "/login", body: formBody(["token": Harness.adminToken, "next": value]), contentType: formType)
                #expect(r.headers[.location] == value, "\(value)")
            }
            // The address as a browser would send it.
            let raw = try await exchange(client, .get, "/login?next=/%09/evil.example")
            #expect(raw.body.contains(#"<input type="hidden" name="next" value="/">"#))
        }
    }
}
