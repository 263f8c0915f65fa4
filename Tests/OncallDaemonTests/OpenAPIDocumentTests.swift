// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Yams

@testable import OncallDaemon

/// The document served at `/v1/openapi.yaml` against the router: a route added without a description
/// (or a description left after its route went) fails here, before schemathesis would have to find it.
struct OpenAPIDocumentTests {
    @Test("the document describes exactly the routes under /v1, /health and /metrics, method by method")
    func everyRouteIsDescribed() async throws {
        let h = try await Harness()
        let routed = Set(
            h.api.router().routes.map { "\($0.method.rawValue) \($0.path.description)" }
                .filter { $0.contains(" /v1/") || $0.hasSuffix(" /health") || $0.hasSuffix(" /metrics") })
        let document = try #require(try Yams.load(yaml: OpenAPIDocument.yaml) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        let described = Set(paths.flatMap { path, item in item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" } })
        #expect(routed.subtracting(described).sorted() == [], "routes the document does not describe")
        #expect(described.subtracting(routed).sorted() == [], "operations the daemon does not route")
    }

    @Test("served without a token, as application/yaml")
    func servedOpenly() async throws {
        let h = try await Harness()
        try await Application(router: h.api.router()).test(.router) { client in
            let r = try await exchange(client, .get, "/v1/openapi.yaml")
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "application/yaml")
            #expect(r.body == OpenAPIDocument.yaml)
            #expect(r.body.hasPrefix("openapi: 3.1.0\n"))
        }
    }
}
