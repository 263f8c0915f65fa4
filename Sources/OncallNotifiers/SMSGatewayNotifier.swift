// SPDX-License-Identifier: GPL-3.0-or-later
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RosterModel

/// Pages by SMS through an HTTP gateway in Twilio's shape: a form POST of `To`, `From`, `Body`
/// to `{url}/2010-04-01/Accounts/{account}/Messages.json` with HTTP basic auth.
public struct SMSGatewayNotifier: Notifier {
    let client: HTTPClient
    let baseURL: String
    let account: String
    let authToken: String
    let from: String
    let timeout: TimeAmount

    public init(client: HTTPClient? = nil, baseURL: String, account: String, authToken: String, from: String, timeout: TimeAmount = .seconds(5)) {
        self.client = client ?? PageHTTPClient.shared
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.account = account
        self.authToken = authToken
        self.from = from
        self.timeout = timeout
    }

    /// The text: short enough for one or two segments, the acknowledge link last so it stays tappable.
    public static func text(of m: PageMessage) -> String {
        let caller = m.facilityName.map { " \($0)" + (m.callback.map { " \($0)" } ?? "") } ?? ""
        let patient = m.patient.map { " \(m.patientName ?? $0)" } ?? ""
        return "[oncall] \(m.tier) \(m.pool)\(caller)\(patient): \(m.note.prefix(60)) ack: \(m.ackURL)"
    }

    public func send(_ message: PageMessage, via channel: RosterModel.Channel) async throws {
        var request = HTTPClientRequest(url: "\(baseURL)/2010-04-01/Accounts/\(account)/Messages.json")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(account):\(authToken)".utf8).base64EncodedString())
        let form = [("To", channel.address), ("From", from), ("Body", Self.text(of: message))]
            .map { "\($0)=\(formEncode($1))" }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await client.execute(request, timeout: timeout + PageHTTPClient.connectTimeout)
        // Read the (small) answer so the connection goes back to the pool for the next page.
        _ = try? await response.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(response.status.code) else { throw NotifierError("SMS gateway answered \(response.status.code)") }
    }
}

/// application/x-www-form-urlencoded: unreserved characters stay, space is "+", the rest %XX.
func formEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
            out.append(Character(Unicode.Scalar(byte)))
        case UInt8(ascii: " "): out.append("+")
        default: out += String(format: "%%%02X", byte)
        }
    }
    return out
}
