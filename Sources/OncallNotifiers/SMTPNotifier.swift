// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import RosterModel

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
    public static func isLoopback(_ host: String) -> Bool { ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) }

    /// The message as DATA carries it: CRLF-terminated ASCII lines of at most 76 characters after
    /// the headers, whatever the note holds.
    ///
    /// The note comes from whoever raised the escalation. Sent as it was, its "\r\n.\r\n" ended the
    /// DATA early and what followed reached the relay as commands; a bare CR passed through (SMTP
    /// smuggling); its lines could exceed SMTP's 998 octets; and 8bit needs 8BITMIME. So the body
    /// is base64 of UTF-8 text with every line break made CRLF, and no header takes a line break
    /// or control character from data.
    public static func mail(of m: PageMessage, from: String, to: String, date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let note = PageNote(m.note)
        // Who calls and for whom first: at 2 a.m. that decides whether to ring back before reading on.
        var text: [String] = []
        if let name = m.facilityName { text.append(PageNote.oneLine("From: \(name)" + (m.callback.map { ", call back \($0)" } ?? ""))) }
        if let patient = m.patient { text.append(PageNote.oneLine("Patient: \(m.patientName ?? patient)")) }
        if !text.isEmpty { text.append("") }
        text += note.lines
        if note.wasCut { text.append("(The note is cut at \(PageNote.maximumLength) characters; the escalation holds all of it.)") }
        text += ["", "Acknowledge: \(m.ackURL)", "Decline: \(m.declineURL)", "", "escalation \(m.escalationId), page \(m.pageId)"]
        let body = text.joined(separator: "\r\n") + "\r\n"
        let subject = PageNote.oneLine("[oncall] \(m.urgency) \(m.tier) page: \(m.pool)")
        let headers = [
            "From: \(PageNote.oneLine(from))", "To: \(PageNote.oneLine(to))", "Subject: \(encodedWords(subject))", "Date: \(f.string(from: date))",
            "Message-ID: <\(PageNote.oneLine(m.pageId))@oncall>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        let encoded = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let lines = headers + [""] + encoded.components(separatedBy: "\r\n")
        // Dot-stuffing, though no base64 line starts with a dot: a line starting "." gets another, so it cannot end the DATA.
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }

    /// RFC 2047 encoded words for a header value, each under 76 characters, folded onto lines of their own.
    static func encodedWords(_ text: String) -> String {
        var words: [[UInt8]] = []
        var chunk: [UInt8] = []
        // By scalar, so no word splits a character's bytes (RFC 2047, 5); 45 bytes are 60 of base64, 72 with "=?UTF-8?B?" and "?=".
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(chunk)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    public func send(_ message: PageMessage, via channel: RosterModel.Channel) async throws {
        let to = channel.address
        guard PageNote.oneLine(to) == to, !to.contains(">") else { throw NotifierError("bad e-mail address") }
        // MAIL FROM and EHLO are commands: a line break in either would start another.
        guard PageNote.oneLine(from) == from, !from.contains(">"), PageNote.oneLine(helo) == helo else {
            throw NotifierError("SMTP: the sender address or HELO name holds a line break")
        }
        // Everything said is ASCII, so no relay needs 8BITMIME or SMTPUTF8.
        guard to.utf8.allSatisfy({ $0 < 0x80 }), from.utf8.allSatisfy({ $0 < 0x80 }), helo.utf8.allSatisfy({ $0 < 0x80 }) else {
            throw NotifierError("SMTP: an address that is not ASCII needs SMTPUTF8, which this notifier does not speak")
        }
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
