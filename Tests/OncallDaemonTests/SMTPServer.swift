// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A small real SMTP server on 127.0.0.1 (ephemeral port): it holds the whole conversation and keeps each mail.
final class SMTPServer: Sendable {
    struct Mail: Sendable {
        var from: String
        var to: [String]
        /// The DATA lines as they came over the wire (still dot-stuffed).
        var lines: [String]
    }

    final class Log: Sendable {
        let mails = Mutex<[Mail]>([])
        let commands = Mutex<[String]>([])
    }

    let log = Log()
    let port: Int
    /// The reply to RCPT TO; a 550 makes the server refuse every recipient.
    let rcptReply: String
    private let task: Task<Void, any Error>
    var mails: [Mail] { log.mails.withLock { $0 } }
    var commands: [String] { log.commands.withLock { $0 } }

    init(rcptReply: String = "250 OK") async throws {
        self.rcptReply = rcptReply
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
                    try? await Self.converse(connection, log: log, rcptReply: rcptReply)
                }
            }
        }
    }

    private static func converse(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, log: Log, rcptReply: String) async throws {
        try await connection.executeThenClose { inbound, outbound in
            func say(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
            try await say("220 test.localhost ESMTP")
            var mail = Mail(from: "", to: [], lines: [])
            var inData = false
            for try await buffer in inbound {
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
                log.commands.withLock { $0.append(line) }
                let verb = line.prefix(4).uppercased()
                switch verb {
                case "EHLO": try await say("250-test.localhost\r\n250 8BITMIME")
                case "MAIL": mail.from = line; try await say("250 OK")
                case "RCPT":
                    mail.to.append(line)
                    try await say(rcptReply)
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
