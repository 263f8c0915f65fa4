// SPDX-License-Identifier: GPL-3.0-or-later
import Hummingbird
import NIOCore

/// The API's own description, open like /health: a client or a test tool reads it before it has a token.
struct OpenAPIController: Sendable {
    func addRoutes(to router: Router<DaemonRequestContext>) {
        router.get("/v1/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
    }
}
