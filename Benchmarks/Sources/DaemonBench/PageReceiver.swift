// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The members' webhook: a plain HTTP server on 127.0.0.1 that answers 200 to every POST and
/// notes when each page arrived.
///
/// It runs on an event loop of its own, so the time it stamps on a page is not held up by the
/// load generator's loop (both still share the machine's cores with the daemon).
final class PageReceiver: Sendable {
    /// One page as it arrived.
    struct Page: Sendable {
        /// The same on every resend of one page (after a crash, say): how a receiver drops duplicates.
        var pageId: String
        var note: String
        var tier: String
        var member: String
        var escalation: String
        /// Monotonic nanoseconds when the whole request had been read.
        var at: UInt64
        /// Left unanswered on purpose (see `hold`): its sender never learns it was delivered.
        var held = false
    }

    /// Pages to leave unanswered: those of one escalation at one tier. The failover phase holds a step's
    /// page so that the daemon sending it still holds its claim when it is killed.
    struct Hold: Sendable {
        var note: String
        var tier: String
        func matches(_ p: Payload) -> Bool { p.note == note && p.tier == tier }
    }

    /// The part of the page payload the benchmark reads.
    struct Payload: Decodable {
        var pageId: String
        var note: String
        var tier: String
        var member: String
        var escalationId: String
        enum CodingKeys: String, CodingKey {
            case note, tier, member
            case pageId = "page_id"
            case escalationId = "escalation_id"
        }
    }

    final class Log: Sendable {
        let pages = Mutex<[Page]>([])
        let unreadable = Mutex(0)
        let hold = Mutex<Hold?>(nil)
    }

    let port: Int
    private let log: Log
    private let channel: any Channel

    var pages: [Page] { log.pages.withLock { $0 } }
    var unreadable: Int { log.unreadable.withLock { $0 } }
    /// The webhook address of one member.
    func url(member: String) -> String { "http://127.0.0.1:\(port)/hook/\(member)" }

    private init(port: Int, log: Log, channel: any Channel) {
        self.port = port
        self.log = log
        self.channel = channel
    }

    static func start(group: any EventLoopGroup) async throws -> PageReceiver {
        let log = Log()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ReceiverHandler(log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw BenchError("the webhook receiver has no port") }
        return PageReceiver(port: port, log: log, channel: channel)
    }

    func close() async { try? await channel.close() }

    /// From now on, leave the pages `hold` matches unanswered (nil: answer every page again). A held
    /// request stays open until its sender gives up or dies; it is never answered later.
    func hold(_ hold: Hold?) { log.hold.withLock { $0 = hold } }

    /// Waits until `predicate` holds for the pages so far, or `timeout` seconds pass.
    func wait(timeout: Double, until predicate: ([Page]) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(pages) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return predicate(pages)
    }
}

/// Reads one HTTP request at a time, stamps and records it, answers 200.
private final class ReceiverHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let log: PageReceiver.Log
    var body = ByteBuffer()
    var keepAlive = true
    let decoder = JSONDecoder()

    init(log: PageReceiver.Log) { self.log = log }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            keepAlive = head.isKeepAlive
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            let at = monotonicNow()
            if let p = try? decoder.decode(PageReceiver.Payload.self, from: Data(body.readableBytesView)) {
                let held = log.hold.withLock { $0?.matches(p) ?? false }
                let page = PageReceiver.Page(
                    pageId: p.pageId, note: p.note, tier: p.tier, member: p.member, escalation: p.escalationId, at: at, held: held)
                log.pages.withLock { $0.append(page) }
                if held { return }
            } else {
                log.unreadable.withLock { $0 += 1 }
            }
            var headers = HTTPHeaders([("Content-Length", "0")])
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            if !keepAlive { context.close(promise: nil) }
        }
    }
}
