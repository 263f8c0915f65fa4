// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Pages by e-mail: an SMTP conversation with the relay (EHLO, optionally STARTTLS and AUTH PLAIN,
/// MAIL FROM, RCPT TO, DATA, QUIT).
///
/// With `starttls` the relay must offer STARTTLS and its certificate must verify (against the
/// system's roots, or `trustRootsFile` for a private CA); credentials are only ever sent inside
/// TLS, or to a relay on the loopback interface.
public struct SMTPNotifier: Notifier {
    public struct Credentials: Sendable {
        public var username: String
        public var password: String
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    let host: String
    let port: Int
    let from: String
    let helo: String
    let timeout: TimeAmount
    let starttls: Bool
    let trustRootsFile: String?
    let credentials: Credentials?

    public init(
        host: String, port: Int = 25, from: String, helo: String = "oncall.localdomain", timeout: TimeAmount = .seconds(10),
        starttls: Bool = false, trustRootsFile: String? = nil, credentials: Credentials? = nil
    ) {
        self.host = host
        self.port = port
        self.from = from
        self.helo = helo
        self.timeout = timeout
        self.starttls = starttls
        self.trustRootsFile = trustRootsFile
        self.credentials = credentials
    }

    /// Whether `host` is this machine, where a password crosses no network.
    static func isLoopback(_ host: String) -> Bool { ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) }

    public static func mail(of m: PageMessage, from: String, to: String, date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let subject = "[oncall] \(m.urgency) \(m.tier) page: \(m.pool)"
        let body = """
            \(m.note)

            Acknowledge: \(m.ackURL)
            Decline: \(m.declineURL)

            escalation \(m.escalationId), page \(m.pageId)
            """
        // Subject and body are UTF-8 (notes are Japanese): encoded-word subject, 8bit body.
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let headers = [
            "From: \(from)", "To: \(to)", "Subject: \(encodedSubject)", "Date: \(f.string(from: date))",
            "Message-ID: <\(m.pageId)@oncall>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        // Dot-stuffing: a body line starting with "." gets another, so it cannot end the DATA.
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        return (headers + [""] + lines).joined(separator: "\r\n")
    }

    public func send(_ message: PageMessage, via channel: Channel) async throws {
        let to = channel.address
        guard !to.contains("\r"), !to.contains("\n"), !to.contains(">") else { throw NotifierError("bad e-mail address") }
        if credentials != nil, !starttls, !Self.isLoopback(host) { throw NotifierError("SMTP: credentials need STARTTLS to a remote relay") }
        let tls = try starttls ? tlsContext() : nil
        let (connection, raw) = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder()))
                    return (try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel), channel)
                }
            }
        let mail = Self.mail(of: message, from: from, to: to)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                try await connection.executeThenClose { inbound, outbound in
                    var lines = inbound.makeAsyncIterator()
                    /// Reads one reply (multi-line "250-…" until "250 …"), checks its code, returns its texts.
                    func expect(_ codes: Set<Int>) async throws -> [String] {
                        var texts: [String] = []
                        while true {
                            guard let buffer = try await lines.next() else { throw NotifierError("SMTP server closed the connection") }
                            let line = String(buffer: buffer).trimmingCharacters(in: .newlines)
                            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw NotifierError("SMTP: bad reply") }
                            texts.append(String(line.dropFirst(4)))
                            if line.count > 3 && line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
                            guard codes.contains(code) else { throw NotifierError("SMTP answered \(code)") }
                            return texts
                        }
                    }
                    func say(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
                    _ = try await expect([220])
                    try await say("EHLO \(helo)")
                    var extensions = try await expect([250]).map { $0.uppercased() }
                    if let tls {
                        guard extensions.contains("STARTTLS") else { throw NotifierError("SMTP relay does not offer STARTTLS") }
                        try await say("STARTTLS")
                        _ = try await expect([220])
                        // TLS goes under the line decoder; the relay forgets the first EHLO (RFC 3207), so say it again.
                        let name = host.first?.isNumber == true || host.contains(":") ? nil : host
                        try await raw.pipeline.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: name), position: .first).get()
                        try await say("EHLO \(helo)")
                        extensions = try await expect([250]).map { $0.uppercased() }
                    }
                    if let credentials {
                        guard extensions.contains(where: { $0.hasPrefix("AUTH") && $0.contains("PLAIN") }) else {
                            throw NotifierError("SMTP relay does not offer AUTH PLAIN")
                        }
                        let token = Data("\0\(credentials.username)\0\(credentials.password)".utf8).base64EncodedString()
                        try await say("AUTH PLAIN \(token)")
                        _ = try await expect([235])
                    }
                    try await say("MAIL FROM:<\(from)>")
                    _ = try await expect([250])
                    try await say("RCPT TO:<\(to)>")
                    _ = try await expect([250, 251])
                    try await say("DATA")
                    _ = try await expect([354])
                    try await say(mail + "\r\n.")
                    _ = try await expect([250])
                    try await say("QUIT")
                    _ = try? await expect([221])
                }
            }
            group.addTask { [timeout] in
                try await Task.sleep(for: .nanoseconds(timeout.nanoseconds))
                throw NotifierError("SMTP timed out")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let trustRootsFile { configuration.trustRoots = .file(trustRootsFile) }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw NotifierError("SMTP: cannot set up TLS: \(error)")
        }
    }
}
