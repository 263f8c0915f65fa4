// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A small real SMTP server on 127.0.0.1 (ephemeral port): it holds the whole conversation and keeps each mail.
final class SMTPServer: Sendable {
    struct Mail: Sendable {
        var from: String
        var to: [String]
        /// The DATA lines as they came over the wire (still dot-stuffed).
        var lines: [String]

        /// The body as a mail reader shows it: dot-stuffing undone, base64 decoded when the headers say so.
        var body: String? {
            guard let blank = lines.firstIndex(of: "") else { return nil }
            let headers = lines[..<blank].map { $0.lowercased() }
            let text = lines[(blank + 1)...].map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
            guard headers.contains("content-transfer-encoding: base64") else { return text.joined(separator: "\r\n") }
            return Data(base64Encoded: text.joined()).flatMap { String(data: $0, encoding: .utf8) }
        }
    }

    final class Log: Sendable {
        let mails = Mutex<[Mail]>([])
        let commands = Mutex<[String]>([])
        /// Every byte the client sent, in order.
        let raw = Mutex<[UInt8]>([])
    }

    let log = Log()
    let port: Int
    /// The reply to RCPT TO; a 550 makes the server refuse every recipient.
    let rcptReply: String
    /// When set, the server offers STARTTLS with this context, and AUTH PLAIN once inside TLS.
    let tls: NIOSSLContext?
    /// The only username and password AUTH PLAIN accepts.
    let login: (String, String)?
    private let task: Task<Void, any Error>
    var mails: [Mail] { log.mails.withLock { $0 } }
    var commands: [String] { log.commands.withLock { $0 } }
    var raw: [UInt8] { log.raw.withLock { $0 } }

    init(rcptReply: String = "250 OK", tls: NIOSSLContext? = nil, login: (String, String)? = nil) async throws {
        self.rcptReply = rcptReply
        self.tls = tls
        self.login = login
        let settings = Settings(rcptReply: rcptReply, tls: tls, login: login.map { [$0.0, $0.1] })
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(TestLineDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        port = server.channel.localAddress!.port!
        let log = self.log
        task = Task {
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    try? await Self.converse(connection, log: log, settings: settings)
                }
            }
        }
    }

    struct Settings: Sendable {
        var rcptReply: String
        var tls: NIOSSLContext?
        var login: [String]?
    }

    private static func converse(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, log: Log, settings: Settings) async throws {
        try await connection.executeThenClose { inbound, outbound in
            func say(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
            try await say("220 test.localhost ESMTP")
            var mail = Mail(from: "", to: [], lines: [])
            var inData = false
            var secure = false
            var authenticated = false
            for try await buffer in inbound {
                // The line decoder took the "\n" off (and sends nothing after the last one).
                log.raw.withLock { $0 += Array(buffer.readableBytesView) + [UInt8(ascii: "\n")] }
                let line = String(buffer: buffer).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                if inData {
                    if line == "." {
                        inData = false
                        log.mails.withLock { $0.append(mail) }
                        try await say("250 2.0.0 queued")
                    } else {
                        mail.lines.append(line)
                    }
                    continue
                }
                log.commands.withLock { $0.append(secure ? "[tls] " + line : line) }
                let verb = line.prefix(4).uppercased()
                switch verb {
                case "EHLO":
                    var extensions = ["8BITMIME"]
                    if settings.tls != nil && !secure { extensions.append("STARTTLS") }
                    if secure && settings.login != nil { extensions.append("AUTH PLAIN") }
                    let lines = ["test.localhost"] + extensions
                    try await say(lines.enumerated().map { "250\($0 == lines.count - 1 ? " " : "-")\($1)" }.joined(separator: "\r\n"))
                case "STAR" where settings.tls != nil && !secure:
                    // The 220 must leave in clear text before TLS sits under the line decoder.
                    let channel = connection.channel
                    let tls = settings.tls!
                    try await channel.eventLoop.flatSubmit {
                        channel.writeAndFlush(ByteBuffer(string: "220 2.0.0 ready to start TLS\r\n")).flatMapThrowing {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                        }
                    }.get()
                    secure = true
                case "AUTH":
                    let expected = settings.login.map { Data("\0\($0[0])\0\($0[1])".utf8).base64EncodedString() }
                    if secure, let expected, line == "AUTH PLAIN \(expected)" {
                        authenticated = true
                        try await say("235 2.7.0 authenticated")
                    } else {
                        try await say("535 5.7.8 authentication failed")
                    }
                case "MAIL":
                    if settings.login != nil && !authenticated {
                        try await say("530 5.7.0 authentication required")
                    } else {
                        mail.from = line
                        try await say("250 OK")
                    }
                case "RCPT":
                    mail.to.append(line)
                    try await say(settings.rcptReply)
                case "DATA":
                    inData = true
                    try await say("354 go ahead")
                case "QUIT":
                    try await say("221 bye")
                    return
                default: try await say("502 unknown")
                }
            }
        }
    }

    func stop() { task.cancel() }
}

/// Lines without their "\n".
struct TestLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer
    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
        let line = buffer.readSlice(length: newline - buffer.readerIndex)!
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }
}
