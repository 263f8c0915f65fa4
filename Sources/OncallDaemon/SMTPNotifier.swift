// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOCore
import NIOPosix

/// Pages by e-mail: a plain SMTP conversation (EHLO, MAIL FROM, RCPT TO, DATA, QUIT) with the relay.
///
/// Meant for a relay on the same host or network (Postfix on localhost), which takes care of
/// TLS and delivery onwards; STARTTLS and AUTH are not spoken yet.
public struct SMTPNotifier: Notifier {
    let host: String
    let port: Int
    let from: String
    let helo: String
    let timeout: TimeAmount

    public init(host: String, port: Int = 25, from: String, helo: String = "oncall.localdomain", timeout: TimeAmount = .seconds(10)) {
        self.host = host
        self.port = port
        self.from = from
        self.helo = helo
        self.timeout = timeout
    }

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
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let mail = Self.mail(of: message, from: from, to: to)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var lines = inbound.makeAsyncIterator()
                    /// Reads one reply (multi-line "250-…" until "250 …") and checks its code.
                    func expect(_ codes: Set<Int>) async throws {
                        while true {
                            guard let buffer = try await lines.next() else { throw NotifierError("SMTP server closed the connection") }
                            let line = String(buffer: buffer).trimmingCharacters(in: .newlines)
                            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw NotifierError("SMTP: bad reply") }
                            if line.count > 3 && line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
                            guard codes.contains(code) else { throw NotifierError("SMTP answered \(code)") }
                            return
                        }
                    }
                    func say(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
                    try await expect([220])
                    try await say("EHLO \(helo)")
                    try await expect([250])
                    try await say("MAIL FROM:<\(from)>")
                    try await expect([250])
                    try await say("RCPT TO:<\(to)>")
                    try await expect([250, 251])
                    try await say("DATA")
                    try await expect([354])
                    try await say(mail + "\r\n.")
                    try await expect([250])
                    try await say("QUIT")
                    try? await expect([221])
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
}
