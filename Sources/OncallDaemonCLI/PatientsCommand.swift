// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import OncallCLI
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RosterModel

struct PatientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patients", abstract: "The register of patients needing 24-hour response.", subcommands: [PatientsImportCommand.self])
}

/// `oncalld patients import FILE --daemon URL`: checks the register here, then replaces the daemon's with it
/// through `PUT /v1/patients`. The token comes from `ONCALL_TOKEN`, never the command line (shell history).
struct PatientsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Replace the daemon's patient register with a CSV (id,name,facility,attending,partner,hospital,consent).",
        discussion: """
            The file may be UTF-8 (with or without BOM) or Shift_JIS, with English or Japanese headers \
            (患者ID,氏名,施設,主治医,副主治医,病院,同意日). With --network it is checked against the network file \
            first (members, facilities, hospitals); either way every problem is printed with its line and column \
            and nothing is sent. Set ONCALL_TOKEN to an admin token.
            """)

    @Argument(help: "The register, saved as CSV.")
    var file: String

    @Option(help: "The daemon's address, e.g. http://127.0.0.1:8080.")
    var daemon: String

    @Option(help: "The network file, to check members and facilities before sending.")
    var network: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard let url = URL(string: daemon), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("--daemon must be an http:// or https:// address, got \"\(daemon)\"")
        }
    }

    func run() async throws {
        guard let token = ProcessInfo.processInfo.environment["ONCALL_TOKEN"], !token.isEmpty else {
            throw InputError(InputIssue(file: "ONCALL_TOKEN", message: "is not set", hint: "export ONCALL_TOKEN=<the daemon's admin token>"))
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw InputError(InputIssue(file: file, message: "cannot be read", hint: "give the path of the register saved as CSV"))
        }
        let net = try network.map { path throws(InputError) in try NetworkLoader.load(path: path) }
        let patients = try PatientSheet.read(data, file: file, network: net)
        Console.print("\(file): \(patients.count) patients, checked\(net == nil ? " (without a network file: members and facilities are checked by the daemon)" : "")")

        var request = HTTPClientRequest(url: daemon.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/v1/patients")
        request.method = .PUT
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "text/csv")
        request.body = .bytes(ByteBuffer(bytes: data))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            body = try await response.body.collect(upTo: 4 << 20)
        } catch {
            throw InputError(InputIssue(file: daemon, message: "cannot be reached: \(error)", hint: "check --daemon and that `oncalld serve` runs"))
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
        switch response.status.code {
        case 200:
            func ids(_ key: String) -> String { (json[key] as? [String]).map { $0.isEmpty ? "none" : $0.joined(separator: " ") } ?? "?" }
            Console.print("the daemon's register now has \(json["patients"] as? Int ?? patients.count) patients")
            Console.print("  added: \(ids("added"))\n  changed: \(ids("changed"))\n  removed: \(ids("removed"))")
        case 422:
            let issues = (json["issues"] as? [[String: Any]] ?? []).map { i in
                InputIssue(
                    file: file, line: i["line"] as? Int, column: i["column"] as? Int, field: i["field"] as? String,
                    message: i["message"] as? String ?? "", hint: i["hint"] as? String)
            }
            throw InputError(issues.isEmpty ? [InputIssue(file: file, message: "refused by the daemon")] : issues)
        default:
            let message = (json["error"] as? [String: Any])?["message"] as? String ?? "HTTP \(response.status.code)"
            Console.error("the daemon refused the register: \(message)")
            throw ExitCode(1)
        }
    }
}
