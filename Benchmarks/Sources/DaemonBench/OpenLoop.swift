// SPDX-License-Identifier: GPL-3.0-or-later
import NIOCore
import NIOHTTP1
import NIOPosix

/// Nanoseconds on the monotonic clock, the one time base of every measurement in this benchmark.
func monotonicNow() -> UInt64 { NIODeadline.now().uptimeNanoseconds }

/// One request of an open-loop run.
struct LoadRequest: Sendable {
    var method: HTTPMethod
    var uri: String
    var body: ByteBuffer?
    var contentType: String?
}

/// What happened to each request of an open-loop run, in monotonic nanoseconds.
struct LoadResult: Sendable {
    /// When the schedule meant to send request i: start + i / rate.
    var intended: [UInt64]
    /// When it was written to a connection (0: never).
    var sent: [UInt64]
    /// When its whole response had been read (0: never).
    var done: [UInt64]
    /// The response's status (0: none).
    var status: [UInt16]
    var connections: Int

    init(count: Int, connections: Int) {
        intended = Array(repeating: 0, count: count)
        sent = Array(repeating: 0, count: count)
        done = Array(repeating: 0, count: count)
        status = Array(repeating: 0, count: count)
        self.connections = connections
    }

    /// Response latency of each request from its intended send time; nil when no response came.
    var latencies: [UInt64?] { intended.indices.map { done[$0] == 0 ? nil : done[$0] &- intended[$0] } }

    /// How late each request was written, queueing for a free connection included.
    var sendLags: [UInt64] { intended.indices.compactMap { sent[$0] == 0 ? nil : sent[$0] &- intended[$0] } }
}

/// Sends requests at a fixed rate whatever the responses do (open loop) over a fixed set of
/// keep-alive HTTP/1.1 connections.
///
/// A request that finds every connection busy waits in a queue, and its latency counts from the
/// time the schedule meant to send it: a server that stalls cannot slow the arrivals down and so
/// hide its stall from the figures (coordinated omission), as a closed-loop client would.
///
/// Every connection lives on the one `loop`, and all mutable state is touched on that loop only;
/// that is why the class can be `@unchecked Sendable`.
final class OpenLoopRun: @unchecked Sendable {
    let loop: any EventLoop
    let count: Int
    let rate: Double
    let drainNanoseconds: UInt64
    let make: @Sendable (Int) -> LoadRequest
    let headers: HTTPHeaders

    private var result: LoadResult
    private var all: [LoadConnection] = []
    private var idle: [LoadConnection] = []
    private var queue: [Int] = []
    private var queueHead = 0
    private var next = 0
    private var completed = 0
    private var live = 0
    private var start: UInt64 = 0
    private var isFinished = false
    private let promise: EventLoopPromise<LoadResult>

    /// - Parameters:
    ///   - count: requests in all (rate × seconds).
    ///   - drain: seconds to wait for the last responses after the last request was due.
    ///   - headers: sent with every request (Host, Authorization).
    ///   - make: the request with index i.
    init(loop: any EventLoop, count: Int, rate: Double, drain: Double, headers: HTTPHeaders, make: @escaping @Sendable (Int) -> LoadRequest) {
        self.loop = loop
        self.count = count
        self.rate = rate
        self.drainNanoseconds = UInt64(drain * 1e9)
        self.headers = headers
        self.make = make
        self.result = LoadResult(count: count, connections: 0)
        self.promise = loop.makePromise(of: LoadResult.self)
    }

    /// Opens `connections` keep-alive connections to host:port, then runs the schedule.
    func run(host: String, port: Int, connections: Int) async throws -> LoadResult {
        let bootstrap = ClientBootstrap(group: loop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(LoadConnection(run: self))
                }
            }
        var handlers: [LoadConnection] = []
        for _ in 0..<connections {
            let handler = try await bootstrap.connect(host: host, port: port).flatMapThrowing { channel in
                try channel.pipeline.syncOperations.handler(type: LoadConnection.self)
            }.get()
            handlers.append(handler)
        }
        let connected = handlers
        loop.execute {
            self.all = connected
            self.idle = connected
            self.live = connected.count
            self.result.connections = connected.count
            // A little ahead, so the first requests are not already late.
            self.start = monotonicNow() + 2_000_000
            for i in 0..<self.count { self.result.intended[i] = self.start + UInt64((Double(i) * 1e9 / self.rate).rounded()) }
            self.tick()
        }
        return try await promise.futureResult.get()
    }

    /// Sends every request that is due, then sleeps until the next one is.
    private func tick() {
        let now = monotonicNow()
        while next < count, result.intended[next] <= now {
            dispatch(next)
            next += 1
        }
        if next < count {
            loop.scheduleTask(deadline: .uptimeNanoseconds(result.intended[next])) { self.tick() }
        } else {
            loop.scheduleTask(deadline: .uptimeNanoseconds(result.intended[count - 1] + drainNanoseconds)) { self.finish() }
            checkDone()
        }
    }

    private func dispatch(_ i: Int) {
        if let connection = idle.popLast() {
            send(i, on: connection)
        } else if live > 0 {
            queue.append(i)
        } else {
            completed += 1
        }
    }

    private func send(_ i: Int, on connection: LoadConnection) {
        result.sent[i] = monotonicNow()
        connection.send(i, make(i), headers: headers)
    }

    /// A response was read to its end on `connection`.
    func completed(_ i: Int, status: UInt16, on connection: LoadConnection) {
        result.done[i] = monotonicNow()
        result.status[i] = status
        completed += 1
        if queueHead < queue.count {
            let j = queue[queueHead]
            queueHead += 1
            send(j, on: connection)
        } else {
            idle.append(connection)
        }
        checkDone()
    }

    /// A connection closed; its request in flight gets no response.
    func lost(_ connection: LoadConnection, inFlight: Int?) {
        idle.removeAll { $0 === connection }
        live -= 1
        if inFlight != nil { completed += 1 }
        if live == 0 {
            completed += queue.count - queueHead
            queueHead = queue.count
        }
        checkDone()
    }

    private func checkDone() {
        if next == count, completed >= count { finish() }
    }

    private func finish() {
        guard !isFinished else { return }
        isFinished = true
        idle = []
        for c in all { c.close() }
        all = []
        promise.succeed(result)
    }
}

/// One keep-alive connection of an open-loop run: one request at a time, no pipelining.
final class LoadConnection: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let run: OpenLoopRun
    private var context: ChannelHandlerContext?
    private var inFlight: Int?
    private var status: UInt16 = 0

    init(run: OpenLoopRun) { self.run = run }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func send(_ i: Int, _ request: LoadRequest, headers: HTTPHeaders) {
        guard let context else { return }
        inFlight = i
        var h = headers
        if let body = request.body {
            h.add(name: "Content-Length", value: String(body.readableBytes))
            if let type = request.contentType { h.add(name: "Content-Type", value: type) }
        }
        context.write(wrapOutboundOut(.head(HTTPRequestHead(version: .http1_1, method: request.method, uri: request.uri, headers: h))), promise: nil)
        if let body = request.body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = UInt16(head.status.code)
        case .body: break
        case .end:
            guard let i = inFlight else { return }
            inFlight = nil
            run.completed(i, status: status, on: self)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let i = inFlight
        inFlight = nil
        self.context = nil
        run.lost(self, inFlight: i)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }

    func close() { context?.close(promise: nil) }
}
