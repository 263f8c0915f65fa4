// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallDaemon
import OncallNotifiers
import RosterModel
import Testing

/// Issue 12: a note holding "\r\n.\r\n" ended the DATA early, and what followed reached the relay as SMTP commands.
struct SMTPInjectionTests {
    static let injected =
        "MAIL FROM:<evil@attacker.invalid>\r\nRCPT TO:<victim@attacker.invalid>\r\nDATA\r\nSubject: spoofed\r\n\r\nspoofed body\r\n.\r\n"
    /// 1,667 three-byte characters: 5,001 bytes on one line, under the note's 2,000 characters.
    static let longLine = String(repeating: "長", count: 1_667)
    static let note =
        "転倒、意識あり\r\n.\r\n" + injected + "bare\rCR\r.\rsmuggled\nbare LF\n.\n" + longLine
        + "\u{2028}after a line separator\u{85}after NEL\n日本語のテキスト"
    /// The note's lines, as the decoded body must give them.
    static let noteLines = [
        "転倒、意識あり", ".", "MAIL FROM:<evil@attacker.invalid>", "RCPT TO:<victim@attacker.invalid>", "DATA", "Subject: spoofed", "",
        "spoofed body", ".", "bare", "CR", ".", "smuggled", "bare LF", ".", longLine,
        "after a line separator", "after NEL", "日本語のテキスト",
    ]

    func page(note: String, pool: String = "docs", pageId: String = "pg-9") -> PageMessage {
        PageMessage(
            pageId: pageId, escalationId: "esc-9", member: "p3", tier: "primary", pool: pool, note: note, urgency: "high",
            ackURL: "http://127.0.0.1:8080/v1/links/ack?x=1", declineURL: "http://127.0.0.1:8080/v1/links/decline?x=1")
    }

    /// Sends `message` to a real SMTP server on loopback; the server and what it got.
    func deliver(_ message: PageMessage) async throws -> SMTPServer {
        let server = try await SMTPServer()
        let notifier = SMTPNotifier(host: "127.0.0.1", port: server.port, from: "oncall@example.invalid", helo: "oncall.test")
        try await notifier.send(message, via: Channel(kind: .email, address: "p3@example.invalid"))
        return server
    }

    /// What must hold of any conversation: only CRLF line ends, no line over 998 octets, nothing but ASCII.
    func expectCleanWire(_ raw: [UInt8]) {
        #expect(!raw.isEmpty)
        for (i, byte) in raw.enumerated() {
            if byte == 0x0D { #expect(i + 1 < raw.count && raw[i + 1] == 0x0A, "a bare CR at byte \(i)") }
            if byte == 0x0A { #expect(i > 0 && raw[i - 1] == 0x0D, "a bare LF at byte \(i)") }
        }
        let longest = raw.split(separator: 0x0A).map { $0.count - 1 }.max() ?? 0
        #expect(longest <= 998, "a line of \(longest) octets")
        #expect(raw.allSatisfy { $0 < 0x80 }, "8-bit data sent to a relay that was never asked for 8BITMIME")
    }

    @Test("CRLF-dot-CRLF, bare CRs and LFs, a 5,000-byte line and Japanese in the note: one message, no injected command")
    func noteCannotInjectCommands() async throws {
        #expect(Self.note.unicodeScalars.count < 2_000, "the note fits the cap, so all of it must arrive")
        let server = try await deliver(page(note: Self.note))
        defer { server.stop() }

        #expect(server.mails.count == 1)
        let commands = server.commands
        for verb in ["MAIL", "RCPT", "DATA"] {
            #expect(commands.filter { $0.uppercased().hasPrefix(verb) }.count == 1, "\(verb): \(commands)")
        }
        #expect(!commands.contains { $0.contains("attacker") }, "\(commands)")
        #expect(commands.first == "EHLO oncall.test" && commands.last == "QUIT")
        expectCleanWire(server.raw)

        let mail = try #require(server.mails.first)
        #expect(mail.from == "MAIL FROM:<oncall@example.invalid>" && mail.to == ["RCPT TO:<p3@example.invalid>"])
        let body = try #require(mail.body, "the body decodes: \(mail.lines.prefix(12))")
        #expect(body.hasPrefix(Self.noteLines.joined(separator: "\r\n") + "\r\n"), "\(body.prefix(400))")
        #expect(body.contains("\r\nAcknowledge: http://127.0.0.1:8080/v1/links/ack?x=1\r\n"))
    }

    @Test("a note longer than 2,000 characters is cut, and the page says so")
    func longNoteIsCut() async throws {
        let server = try await deliver(page(note: String(repeating: "x", count: 5_000)))
        defer { server.stop() }
        let body = try #require(server.mails.first?.body)
        #expect(body.contains(String(repeating: "x", count: 2_000)) && !body.contains(String(repeating: "x", count: 2_001)))
        #expect(body.contains("cut at 2000 characters"))
        expectCleanWire(server.raw)
    }

    @Test("line breaks in the pool, tier or page id never start a header of their own; a long subject is folded")
    func headersTakeNoLineBreaks() async throws {
        let pool = "docs\r\nBcc: victim@attacker.invalid\r\n" + String(repeating: "夜間", count: 100)
        let server = try await deliver(page(note: "note", pool: pool, pageId: "pg-1\r\nBcc: victim@attacker.invalid"))
        defer { server.stop() }
        let mail = try #require(server.mails.first)
        let headers = mail.lines.prefix { !$0.isEmpty }
        #expect(!headers.contains { $0.lowercased().hasPrefix("bcc:") }, "\(headers)")
        #expect(headers.count > 9, "the subject is folded over several lines")
        expectCleanWire(server.raw)
    }
}
