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
    /// Daemons the requests went to, round-robin: request i went to daemon i mod targets.
    var targets = 1

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
/// keep-alive HTTP/1.1 connections, to one daemon or round-robin over several.
///
/// A request that finds every connection busy waits in a queue, and its latency counts from the
/// time the schedule meant to send it: a server that stalls cannot slow the arrivals down and so
/// hide its stall from the figures (coordinated omission), as a closed-loop client would.
///
/// With several daemons (ports), request i goes to daemon i mod n, on one of that daemon's own
/// connections, and queues for that daemon only: a free connection to the other daemon would hide a
/// stall of this one. (Taking any idle connection would not spread the load at all when it is light:
/// the most recently freed connection would take nearly every request.)
///
/// Every connection lives on the one `loop`, and all mutable state is touched on that loop only;
/// that is why the class can be `@unchecked Sendable`.
final class OpenLoopRun: @unchecked Sendable {
    let loop: any EventLoop
    let count: Int
    let rate: Double
    let drainNanoseconds: UInt64
    let make: @Sendable (Int) -> LoadRequest
    /// Sent with every request (Authorization); each connection adds the Host of its daemon.
    let headers: HTTPHeaders

    private var result: LoadResult
    private var all: [LoadConnection] = []
    /// Per daemon (index into the ports): its idle connections, its queue, how many of its connections are open.
    private var idle: [[LoadConnection]] = []
    private var queue: [[Int]] = []
    private var queueHead: [Int] = []
    private var live: [Int] = []
    private var next = 0
    private var completed = 0
    private var start: UInt64 = 0
    private var isFinished = false
    private let promise: EventLoopPromise<LoadResult>

    /// - Parameters:
    ///   - count: requests in all (rate × seconds).
    ///   - drain: seconds to wait for the last responses after the last request was due.
    ///   - headers: sent with every request (Authorization; the Host is each connection's).
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

    /// Opens `connections` keep-alive connections in all, spread evenly over the daemons at host:ports
    /// (at least one each), then runs the schedule.
    func run(host: String, ports: [Int], connections: Int) async throws -> LoadResult {
        precondition(!ports.isEmpty)
        let bootstrap = ClientBootstrap(group: loop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(LoadConnection(run: self))
                }
            }
        var handlers: [LoadConnection] = []
        for k in 0..<max(connections, ports.count) {
            let target = k % ports.count
            let handler = try await bootstrap.connect(host: host, port: ports[target]).flatMapThrowing { channel in
                try channel.pipeline.syncOperations.handler(type: LoadConnection.self)
            }.get()
            handler.target = target
            handler.host = "\(host):\(ports[target])"
            handlers.append(handler)
        }
        let connected = handlers
        let targets = ports.count
        loop.execute {
            self.all = connected
            self.idle = (0..<targets).map { t in connected.filter { $0.target == t } }
            self.live = self.idle.map(\.count)
            self.queue = Array(repeating: [], count: targets)
            self.queueHead = Array(repeating: 0, count: targets)
            self.result.connections = connected.count
            self.result.targets = targets
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
        let t = i % idle.count
        if let connection = idle[t].popLast() {
            send(i, on: connection)
        } else if live[t] > 0 {
            queue[t].append(i)
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
        let t = connection.target
        if queueHead[t] < queue[t].count {
            let j = queue[t][queueHead[t]]
            queueHead[t] += 1
            send(j, on: connection)
        } else {
            idle[t].append(connection)
        }
        checkDone()
    }

    /// A connection closed; its request in flight gets no response.
    func lost(_ connection: LoadConnection, inFlight: Int?) {
        let t = connection.target
        // Closed before the schedule started (the daemon died at once): nothing to account for yet.
        guard t < live.count else { return }
        idle[t].removeAll { $0 === connection }
        live[t] -= 1
        if inFlight != nil { completed += 1 }
        if live[t] == 0 {
            completed += queue[t].count - queueHead[t]
            queueHead[t] = queue[t].count
        }
        checkDone()
    }

    private func checkDone() {
        if next == count, completed >= count { finish() }
    }

    private func finish() {
        guard !isFinished else { return }
        isFinished = true
        idle = idle.map { _ in [] }
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
    /// Which daemon (index into the run's ports) this connection goes to, and its Host header.
    /// Set once, before the schedule starts.
    var target = 0
    var host = ""
    private var context: ChannelHandlerContext?
    private var inFlight: Int?
    private var status: UInt16 = 0

    init(run: OpenLoopRun) { self.run = run }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func send(_ i: Int, _ request: LoadRequest, headers: HTTPHeaders) {
        guard let context else { return }
        inFlight = i
        var h = headers
        h.replaceOrAdd(name: "Host", value: host)
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
