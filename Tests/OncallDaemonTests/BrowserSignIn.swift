// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import OncallTestSupport
import RosterModel

/// A second server on 127.0.0.1 (the same site for cookies as the daemon on `daemonPort`) whose page
/// submits the daemon's login form the way a person would; `open(token, path, extra)` signs in with `token`
/// in headless Chromium and returns the DOM of `path`.
func withSignInPage(
    daemonPort port: Int,
    _ body: @Sendable (_ open: @escaping @Sendable (_ token: String, _ path: String, _ extra: [String]) async throws -> String) async throws -> Void
) async throws {
    let signIn = Router()
    signIn.get("/sign-in") { request, _ in
        let token = HTMLText.escape(request.uri.queryParameters.get("token") ?? "")
        let next = HTMLText.escape(request.uri.queryParameters.get("next") ?? "/")
        let page = """
            <!DOCTYPE html><html><body>
            <form method="post" action="http://127.0.0.1:\(port)/login">
            <input name="token" value="\(token)"><input name="next" value="\(next)">
            </form><script>document.forms[0].submit()</script></body></html>
            """
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }
    let helper = Application(router: signIn, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await helper.test(.live) { helperClient in
        guard let helperPort = helperClient.port else { return }
        try await body { token, path, extra in
            var url = URLComponents(string: "http://127.0.0.1:\(helperPort)/sign-in")!
            url.queryItems = [URLQueryItem(name: "token", value: token), URLQueryItem(name: "next", value: path)]
            return try await runChromium(extra + ["--dump-dom", url.string!])
        }
    }
}
