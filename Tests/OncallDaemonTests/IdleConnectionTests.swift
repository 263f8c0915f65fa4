// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOHTTP1
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 12: idle connections were never closed, so 1,100 of them used up 1,024 descriptors and
/// `/health` and `POST /v1/escalations` timed out.
struct IdleConnectionTests {
    /// A plain TCP connection to 127.0.0.1 that says nothing, or only `prefix`, and then waits.
    final class IdleSocket {
        let fd: Int32

        init(port: Int, prefix: String = "") throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw PagingDaemon.Failure(description: "socket: errno \(errno)") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(fd)
                throw PagingDaemon.Failure(description: "connect: errno \(errno)")
            }
            if !prefix.isEmpty { _ = prefix.withCString { send(fd, $0, strlen($0), 0) } }
        }

        /// Whether the server closed the connection within `seconds`: a read returns end of file.
        func closedByServer(within seconds: Int) -> Bool {
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 512)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n == 0 { return true }
                if n < 0 { return errno == ECONNRESET }
                // A 4xx for a half-sent request is fine; what matters is that the close follows.
            }
        }

        deinit { close(fd) }
    }

    @Test("past max_connections, idle sockets wait; the idle timeout closes them, /health answers, and the daemon pages")
    func idleConnectionsAreClosed() async throws {
        let daemon = try await PagingDaemon(config: "http: {idle_timeout_seconds: 1, max_connections: 50}\n")
        defer { daemon.stop() }
        try await daemon.publishAroundNow()

        // 60 sockets, more than the cap: some send nothing at all, some half a request line.
        var sockets: [IdleSocket] = []
        for i in 0..<60 { sockets.append(try IdleSocket(port: daemon.port, prefix: i % 3 == 0 ? "GET /hea" : "")) }
        let asked = Date()
        let (status, _, _) = try await daemon.request(.GET, "/health", token: nil)
        #expect(status == 200)
        #expect(Date().timeIntervalSince(asked) < 5, "/health took \(Date().timeIntervalSince(asked)) s")

        for (i, socket) in sockets.enumerated() {
            #expect(socket.closedByServer(within: 5), "idle socket \(i) still open")
        }
        #expect(try await daemon.escalateAndAwaitPage(note: "after the idle sockets"), "\(daemon.log)")
        #expect(daemon.isRunning)
    }

    @Test("a connection kept alive between requests is closed once idle past the timeout")
    func keptAliveConnectionIsClosedWhenIdle() async throws {
        let daemon = try await PagingDaemon(config: "http: {idle_timeout_seconds: 1}\n")
        defer { daemon.stop() }
        let socket = try IdleSocket(port: daemon.port, prefix: "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let started = Date()
        #expect(socket.closedByServer(within: 5))
        #expect(Date().timeIntervalSince(started) >= 0.5, "closed after the response, not before the idle timeout")
    }
}
