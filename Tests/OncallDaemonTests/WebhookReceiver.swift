// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// A real HTTP server on 127.0.0.1 (ephemeral port) that keeps every webhook page (or SMS gateway post) it receives.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var path: String
        var body: Data
        var signature: String?
        var authorization: String?
        var at: Date
        var member: String? { json["member"] as? String }
        var pageId: String? { json["page_id"] as? String }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:] }
    }

    /// A class around the lock, so the route's closure can share it.
    final class Log: Sendable {
        let items = Mutex<[Received]>([])
    }
    private let log = Log()
    private let task = Mutex<Task<Void, any Error>?>(nil)
    let port: Int
    var url: String { "http://127.0.0.1:\(port)/hook" }
    var root: String { "http://127.0.0.1:\(port)" }
    var pages: [Received] { log.items.withLock { $0 } }

    /// Starts the server; `status` is what it answers (a failing receiver answers 500), after `delay`
    /// (a slow receiver). A page is recorded when it arrives, before the answer.
    init(status: HTTPResponse.Status = .ok, delay: Duration = .zero) async throws {
        let log = self.log
        let router = Router()
        @Sendable func record(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
            var buffer = try await request.body.collect(upTo: 1 << 20)
            let page = Received(
                path: request.uri.path, body: Data(buffer.readBytes(length: buffer.readableBytes) ?? []),
                signature: request.headers[HTTPField.Name("X-Oncall-Signature")!], authorization: request.headers[.authorization], at: Date())
            log.items.withLock { $0.append(page) }
            if delay > .zero { try await Task.sleep(for: delay) }
            return Response(status: status)
        }
        router.post("/hook/:member", use: record)
        // The shape of a Twilio-compatible SMS gateway.
        router.post("/2010-04-01/Accounts/:account/Messages.json", use: record)
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        let runner = Task { try await app.run() }
        var port = 0
        for await p in stream {
            port = p
            break
        }
        self.port = port
        task.withLock { $0 = runner }
    }

    /// Waits until `predicate` holds for the pages received, or the timeout passes.
    func wait(timeout: Double, until predicate: ([Received]) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(pages) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return predicate(pages)
    }

    func stop() { task.withLock { $0?.cancel() } }
}
