// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import HummingbirdTesting
import OncallCalendar
import RosterModel
import Testing

/// Two districts for the web pages and feeds: north as in `daemonNetworkYAML` (pool `docs`, members
/// p1…p5 of c1 and c2, with phones and e-mail), south with its own night pool of s1 and s2, whose
/// names carry HTML that the pages must escape.
func webNetworkYAML() -> String {
    // The daemon tests' name, time zone, calendar and shifts; the rest is this network's own.
    let head = daemonNetworkYAML().components(separatedBy: "districts:")[0].replacingOccurrences(of: "name: daemon-test", with: "name: web-test")
    return head + """
    districts:
      - {id: north, name: 北地区}
      - {id: south, name: 南地区}
    facilities:
      - {id: c1, name: 一診療所, kind: clinic, district: north}
      - {id: c2, name: 二診療所, kind: clinic, district: north}
      - {id: s1, name: 南診療所, kind: clinic, district: south}
      - {id: s2, name: "南<b>第二</b>診療所", kind: clinic, district: south}
    members:
      - {id: p1, name: 医師一, facility: c1, role: physician, contact: {sms: "+81-90-0000-0001", email: p1@example.jp}}
      - {id: p2, name: 医師二, facility: c2, role: physician, contact: {sms: "+81-90-0000-0002", email: p2@example.jp}}
      - {id: p3, name: 医師三, facility: c1, role: physician, contact: {sms: "+81-90-0000-0003", email: p3@example.jp, webhook: "http://127.0.0.1:9/p3"}}
      - {id: p4, name: 医師四, facility: c2, role: physician, contact: {sms: "+81-90-0000-0004", email: p4@example.jp}}
      - {id: p5, name: 医師五, facility: c2, role: physician, contact: {sms: "+81-90-0000-0005"}}
      - {id: s1, name: "<script>alert(1)</script>南医師", facility: s1, role: physician, contact: {sms: "+81-90-0000-0101", email: "s1@example.jp"}}
      - {id: s2, name: 南医師二, facility: s2, role: physician, contact: {sms: "+81-90-0000-0102"}}
    pools:
      - {id: docs, name: 北地区 医師, role: physician, district: north, shifts: [day, night], primary: 1, backup: 1}
      - {id: south, name: 南地区 医師, role: physician, district: south, shifts: [night], primary: 1, backup: 1}

    """
}

func loadWebNetwork() throws -> Network { try NetworkLoader.parse(webNetworkYAML(), file: "web-test.yaml") }

/// Every date of `month`: north day p1 (backup p2), night p3 (backup p4); south night s1 (backup s2).
func webRosterCSV(_ month: YearMonth) -> String {
    validRosterCSV(month) + month.days.map { "\($0),night,south,primary,s1\n\($0),night,south,backup,s2\n" }.joined()
}

/// Publishes December 2026 and January 2027 through the API.
func publishWebRosters(_ client: some TestClientProtocol) async throws {
    for month in [YearMonth("2026-12")!, YearMonth("2027-01")!] {
        let r = try await call(client, .put, "/v1/rosters/\(month)", body: webRosterCSV(month), contentType: "text/csv")
        #expect(r.status == .ok, "\(r.body)")
    }
}
