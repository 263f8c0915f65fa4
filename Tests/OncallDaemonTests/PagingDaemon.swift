// SPDX-License-Identifier: GPL-3.0-or-later
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OncallCalendar

/// A real `oncall serve` on the test network that pages a real webhook receiver, with rosters for
/// last, this and next month published: what the tests of issue 12 try to stop or fool.
final class PagingDaemon: Sendable {
    static let adminToken = "edge-admin token/+1"

    /// A client that shows redirects instead of following them, and lets go of idle connections before
    /// a daemon with a short idle timeout closes them under it.
    static let client: HTTPClient = {
        var pool = HTTPClient.Configuration.ConnectionPool()
        pool.idleTimeout = .milliseconds(200)
        return HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: .init(redirectConfiguration: .disallow, timeout: .init(), connectionPool: pool))
    }()

    let receiver: WebhookReceiver
    let dir: TempDirectory
    let process: DaemonProcess
    var baseURL: String { process.baseURL }
    var port: Int { process.port }
    var log: String { process.log }
    var isRunning: Bool { process.process.isRunning }

    /// - Parameters:
    ///   - config: the daemon's config file, after the webhook secret.
    ///   - webhookSecret: the config's `webhook: {secret:}`; nil leaves `webhook:` out.
    ///   - dir: where the files and the database are; the directory of a stopped daemon restarts it on its database.
    ///   - network: the network file, given the receiver's address.
    init(
        config: String = "", webhookSecret: String? = "edge-secret", dir: TempDirectory? = nil,
        network: (String) -> String = { daemonNetworkYAML(webhook: $0) }
    ) async throws {
        receiver = try await WebhookReceiver()
        self.dir = try dir ?? TempDirectory()
        let dir = self.dir
        try network(receiver.url).write(toFile: dir.file("network.yaml"), atomically: true, encoding: .utf8)
        let daemonYAML = (webhookSecret.map { "webhook: {secret: \($0)}\n" } ?? "") + "policy: {rounds: 1}\n" + config
        try daemonYAML.write(toFile: dir.file("daemon.yaml"), atomically: true, encoding: .utf8)
        process = try await DaemonProcess(
            arguments: ["--network", dir.file("network.yaml"), "--db", dir.file("oncall.sqlite"), "--config", dir.file("daemon.yaml"),
                        "--ack-timeout", "300"],
            environment: ["ONCALL_ADMIN_TOKEN": Self.adminToken])
    }

    func stop() {
        process.terminate()
        receiver.stop()
    }

    /// One request: status, response headers and body text. `token` nil sends no Authorization.
    func request(
        _ method: HTTPMethod, _ path: String, token: String? = PagingDaemon.adminToken, headers: [(String, String)] = [],
        body: [UInt8]? = nil, contentType: String = "application/json"
    ) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        var r = HTTPClientRequest(url: baseURL + path)
        r.method = method
        if let token { r.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { r.headers.add(name: name, value: value) }
        if let body {
            r.headers.add(name: "Content-Type", value: contentType)
            r.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await Self.client.execute(r, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers, String(buffer: bytes))
    }

    func request(_ method: HTTPMethod, _ path: String, json: String) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        try await request(method, path, body: Array(json.utf8))
    }

    /// Publishes last, this and next month (Tokyo), so "now" is covered even at a month's end; returns them.
    @discardableResult
    func publishAroundNow() async throws -> [YearMonth] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let c = calendar.dateComponents([.year, .month], from: Date())
        let month = YearMonth(year: c.year!, month: c.month!)!
        for m in [month.previous, month, month.next] {
            let (status, _, body) = try await request(.PUT, "/v1/rosters/\(m)", body: Array(validRosterCSV(m).utf8), contentType: "text/csv")
            guard status == 200 else { throw Failure(description: "publishing \(m): \(status) \(body)") }
        }
        return [month.previous, month, month.next]
    }

    /// Raises an escalation for pool `docs` and waits for its first page at the receiver: the daemon still pages.
    func escalateAndAwaitPage(note: String) async throws -> Bool {
        let before = receiver.pages.count
        let (status, _, body) = try await request(.POST, "/v1/escalations", json: #"{"pool":"docs","note":"\#(note)"}"#)
        guard status == 201 else { throw Failure(description: "escalation: \(status) \(body)") }
        return await receiver.wait(timeout: 10) { $0.count > before }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}

