// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOCore
import NIOSSL
import OncallNotifiers
import RosterModel
import OncallDaemon
import Testing

/// E-mail pages through a relay that wants STARTTLS and a login, as submission relays on port 587 do.
struct SMTPTLSTests {
    let message = PageMessage(
        pageId: "pg-9", escalationId: "esc-2", member: "p4", tier: "backup", pool: "docs", note: "呼吸苦", urgency: "high",
        ackURL: "http://127.0.0.1:8080/v1/links/ack?x=2", declineURL: "http://127.0.0.1:8080/v1/links/decline?x=2")

    /// A self-signed certificate for 127.0.0.1 and localhost, made by the openssl command for this test.
    struct Certificate {
        let dir: TempDirectory
        var certFile: String { dir.file("cert.pem") }
        var keyFile: String { dir.file("key.pem") }

        init() throws {
            dir = try TempDirectory()
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            openssl.arguments = [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.file("key.pem"), "-out", dir.file("cert.pem"),
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ]
            openssl.standardError = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
            guard openssl.terminationStatus == 0 else { throw NotifierError("openssl could not make a test certificate") }
        }

        func serverContext() throws -> NIOSSLContext {
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certFile).map { .certificate($0) }, privateKey: .file(keyFile))
            return try NIOSSLContext(configuration: configuration)
        }
    }

    /// A relay that wants STARTTLS and oncall/s3cret, and a notifier that trusts its certificate and gives `password`.
    func relay(password: String) async throws -> (SMTPServer, SMTPNotifier, Certificate) {
        let certificate = try Certificate()
        let server = try await SMTPServer(tls: try certificate.serverContext(), login: ("oncall", "s3cret"))
        let notifier = SMTPNotifier(
            // A generous timeout: the whole suite (Chromium included) shares two cores; timing is not what is tested.
            host: "127.0.0.1", port: server.port, from: "oncall@example.invalid", timeout: .seconds(60), starttls: true,
            trustRootsFile: certificate.certFile,
            credentials: .init(username: "oncall", password: password))
        return (server, notifier, certificate)
    }

    @Test("STARTTLS, then AUTH PLAIN inside TLS, then the mail: the relay sees the login and every later command encrypted")
    func starttlsAndLogin() async throws {
        let (server, notifier, certificate) = try await relay(password: "s3cret")
        defer { server.stop(); _ = certificate }
        try await notifier.send(message, via: Channel(kind: .email, address: "p4@example.invalid"))
        let mail = try #require(server.mails.first)
        #expect(mail.body?.contains("呼吸苦") == true)
        let commands = server.commands
        #expect(commands.prefix(2) == ["EHLO oncall.localdomain", "STARTTLS"])
        #expect(commands.dropFirst(2).allSatisfy { $0.hasPrefix("[tls] ") }, "nothing after STARTTLS in clear text: \(commands)")
        #expect(commands.contains { $0.hasPrefix("[tls] AUTH PLAIN ") })
    }

    @Test("a wrong password is refused by the relay and the page fails, so the next channel is tried")
    func wrongPassword() async throws {
        let (server, notifier, certificate) = try await relay(password: "wrong")
        defer { server.stop(); _ = certificate }
        await #expect(throws: NotifierError.self) { try await notifier.send(message, via: Channel(kind: .email, address: "p4@example.invalid")) }
        #expect(server.mails.isEmpty)
    }

    @Test("a certificate that does not verify stops the conversation before any login or mail")
    func untrustedCertificate() async throws {
        let certificate = try Certificate()
        let server = try await SMTPServer(tls: try certificate.serverContext(), login: ("oncall", "s3cret"))
        defer { server.stop() }
        // The system's roots do not know this self-signed certificate.
        let notifier = SMTPNotifier(
            host: "127.0.0.1", port: server.port, from: "oncall@example.invalid", timeout: .seconds(5), starttls: true,
            credentials: .init(username: "oncall", password: "s3cret"))
        await #expect(throws: (any Error).self) { try await notifier.send(message, via: Channel(kind: .email, address: "p4@example.invalid")) }
        #expect(server.mails.isEmpty)
        #expect(!server.commands.contains { $0.contains("AUTH") })
    }

    @Test("STARTTLS asked of a relay that does not offer it: refused, nothing sent in clear")
    func relayWithoutTLS() async throws {
        let server = try await SMTPServer()
        defer { server.stop() }
        let notifier = SMTPNotifier(host: "127.0.0.1", port: server.port, from: "oncall@example.invalid", timeout: .seconds(60), starttls: true)
        await #expect(throws: NotifierError.self) { try await notifier.send(message, via: Channel(kind: .email, address: "p4@example.invalid")) }
        #expect(server.commands == ["EHLO oncall.localdomain"])
    }

    @Test("the config refuses a password to a remote relay without STARTTLS")
    func configGuardsThePassword() {
        var issues: [InputIssue] = []
        do { _ = try DaemonConfig.parse("smtp: {host: mail.example.jp, from: a@b.jp, username: u, password: p}\n", file: "d.yaml") } catch {
            issues = error.issues
        }
        #expect(issues.contains { $0.field == "smtp.username" && $0.hint?.contains("starttls") == true }, "\(issues)")
        let ok = try? DaemonConfig.parse("smtp: {host: mail.example.jp, from: a@b.jp, starttls: true, username: u, password: p}\n", file: "d.yaml")
        #expect(ok?.smtp?.credentials?.username == "u")
        #expect(ok?.smtp?.starttls == true)
    }

}
