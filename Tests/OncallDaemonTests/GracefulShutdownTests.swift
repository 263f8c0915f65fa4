// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOHTTP1
import Testing

extension CrashRecoveryTests {
    @Test("SIGTERM: the daemon stops its server and engine, exits 0, and the open escalation resumes after a restart without a repeat page")
    func sigtermIsGraceful() async throws {
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        let dir = try TempDirectory()
        let arguments = try daemonArguments(dir, webhook: receiver.url, config: "webhook: {secret: term-secret}\npolicy: {rounds: 1}\n", ackTimeout: 300)
        let environment = ["ONCALL_ADMIN_TOKEN": token]
        var daemon = try await DaemonProcess(arguments: arguments, environment: environment)
        defer { daemon.terminate() }
        try await publishAroundNow(daemon)
        let (created, body) = try await request(daemon.baseURL, .POST, "/v1/escalations", body: #"{"pool":"docs","note":"term"}"#)
        #expect(created == 201)
        let id = try #require(json(body)["id"] as? String)
        #expect(await receiver.wait(timeout: 5) { !$0.isEmpty })
        var paged = false
        for _ in 0..<300 where !paged {
            paged = json(try await request(daemon.baseURL, .GET, "/v1/escalations/\(id)").1)["paged"] as? Bool ?? false
            if !paged { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(paged)

        let status = await daemon.sigterm(timeout: 10)
        #expect(status == 0, "exit status \(String(describing: status))\n\(daemon.log)")
        #expect(daemon.log.contains("escalation engine stopped"), "\(daemon.log)")

        daemon = try await DaemonProcess(arguments: arguments, environment: environment)
        try await Task.sleep(for: .seconds(1))
        let view = json(try await request(daemon.baseURL, .GET, "/v1/escalations/\(id)").1)
        #expect(view["status"] as? String == "open")
        #expect(receiver.pages.count == 1, "the primary's recorded page is not sent again: \(receiver.pages.map(\.member))")
    }

    @Test("a config file with a typo stops the daemon before it listens: exit 2 and the line named")
    func badConfigIsRefusedAtStart() async throws {
        let dir = try TempDirectory()
        try daemonNetworkYAML().write(toFile: dir.file("network.yaml"), atomically: true, encoding: .utf8)
        try "admin_token: x\npolicy:\n  ack_timeout: 60\n".write(toFile: dir.file("daemon.yaml"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try DaemonProcess.executable())
        process.arguments = ["serve", "--network", dir.file("network.yaml"), "--db", dir.file("oncall.sqlite"), "--config", dir.file("daemon.yaml"),
                             "--listen", "127.0.0.1:0"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(output.contains("daemon.yaml:3") && output.contains("ack_timeout_seconds"), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("oncall.sqlite")), "nothing created before the config is good")
    }
}
