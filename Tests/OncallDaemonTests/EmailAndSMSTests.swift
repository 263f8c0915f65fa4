// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import OncallDaemon
import OncallNotifiers
import RosterModel
import Testing

struct EmailAndSMSTests {
    let message = PageMessage(
        pageId: "pg-7", escalationId: "esc-1", member: "p3", tier: "backup", pool: "docs", note: "転倒、意識あり\n.hidden line",
        urgency: "high", ackURL: "http://127.0.0.1:8080/v1/links/ack?x=1", declineURL: "http://127.0.0.1:8080/v1/links/decline?x=1")

    @Test func emailPageIsARealSMTPConversation() async throws {
        let server = try await SMTPServer()
        defer { server.stop() }
        let notifier = SMTPNotifier(host: "127.0.0.1", port: server.port, from: "oncall@example.invalid", helo: "oncall.test")
        try await notifier.send(message, via: Channel(kind: .email, address: "p3@example.invalid"))
        let mail = try #require(server.mails.first)
        #expect(mail.from == "MAIL FROM:<oncall@example.invalid>")
        #expect(mail.to == ["RCPT TO:<p3@example.invalid>"])
        #expect(server.commands.first == "EHLO oncall.test")
        #expect(server.commands.last == "QUIT")
        let body = try #require(mail.body)
        #expect(body.hasPrefix("転倒、意識あり\r\n.hidden line\r\n"), "a line starting with a dot stays in the body: \(body)")
        #expect(body.contains("\r\nAcknowledge: \(message.ackURL)\r\n"))
        #expect(mail.lines.contains("Message-ID: <pg-7@oncall>"))
        #expect(mail.lines.contains("Content-Transfer-Encoding: base64"))
    }

    @Test func refusedRecipientThrowsSoTheNextChannelIsTried() async throws {
        let server = try await SMTPServer(rcptReply: "550 no such user")
        defer { server.stop() }
        let notifier = SMTPNotifier(host: "127.0.0.1", port: server.port, from: "oncall@example.invalid")
        await #expect(throws: NotifierError.self) {
            try await notifier.send(message, via: Channel(kind: .email, address: "nobody@example.invalid"))
        }
        #expect(server.mails.isEmpty)
    }

    @Test func smsGoesToATwilioShapedGateway() async throws {
        let gateway = try await WebhookReceiver(status: .created)
        defer { gateway.stop() }
        let notifier = SMSGatewayNotifier(baseURL: gateway.root, account: "AC1", authToken: "tok", from: "+81-50-0000-0000")
        try await notifier.send(message, via: Channel(kind: .sms, address: "+81-90-0000-0103"))
        let post = try #require(gateway.pages.first)
        #expect(post.path == "/2010-04-01/Accounts/AC1/Messages.json")
        #expect(post.authorization == "Basic " + Data("AC1:tok".utf8).base64EncodedString())
        let form = String(decoding: post.body, as: UTF8.self)
        #expect(form.hasPrefix("To=%2B81-90-0000-0103&From=%2B81-50-0000-0000&Body="))
        #expect(form.contains("ack%3A+http%3A%2F%2F127.0.0.1%3A8080%2Fv1%2Flinks%2Fack"))
    }
}
