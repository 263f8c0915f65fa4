// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import OncallDaemon
import RosterModel

/// A network shaped like a small hub: two clinics (docs pool, region-wide), a nurse station (nurses pool)
/// and a hospital with its own rota (hosp-docs) and a night desk; day 09–18 and night 18–09 every date.
/// p5 (c2) has no duties and is off on 2026-12-05; p6 has no channel.
func chainNetworkYAML(webhook: String = "http://127.0.0.1:9/hook") -> String {
    // The daemon tests' time zone, calendar and shifts; the rest is this network's own.
    daemonNetworkYAML(webhook: webhook).components(separatedBy: "districts:")[0].replacingOccurrences(of: "name: daemon-test", with: "name: chain-test")
        + """
    districts:
      - {id: north, name: 北}
      - {id: south, name: 南}
    facilities:
      - {id: c1, name: 一診療所, kind: clinic, district: north, contact: {phone: "0120-111-111"}}
      - {id: c2, name: 二診療所, kind: clinic, district: north}
      - {id: c3, name: 南診療所, kind: clinic, district: south}
      - {id: ns, name: 北訪問看護, kind: nurse_station, district: north, contact: {phone: "0120-222-222"}}
      - {id: hosp, name: 北病院, kind: hospital, district: north, contact: {webhook: "\(webhook)/desk", phone: "0120-333-333"}}
    members:
      - {id: p1, name: 医師一, facility: c1, role: physician, contact: {webhook: "\(webhook)/p1"}}
      - {id: p2, name: 医師二, facility: c2, role: physician, contact: {webhook: "\(webhook)/p2"}}
      - {id: p3, name: 医師三, facility: c1, role: physician, contact: {webhook: "\(webhook)/p3"}}
      - {id: p4, name: 医師四, facility: c2, role: physician, contact: {webhook: "\(webhook)/p4"}}
      - {id: p5, name: 医師五, facility: c2, role: physician, off: ["2026-12-05"], contact: {webhook: "\(webhook)/p5"}}
      - {id: p6, name: 医師六, facility: c3, role: physician}
      - {id: h1, name: 病院医師一, facility: hosp, role: physician, contact: {webhook: "\(webhook)/h1"}}
      - {id: h2, name: 病院医師二, facility: hosp, role: physician, contact: {webhook: "\(webhook)/h2"}}
      - {id: n1, name: 看護師一, facility: ns, role: nurse, contact: {webhook: "\(webhook)/n1"}}
      - {id: n2, name: 看護師二, facility: ns, role: nurse, contact: {webhook: "\(webhook)/n2"}}
    pools:
      - {id: docs, role: physician, facility_kinds: [clinic], shifts: [day, night], primary: 1, backup: 1}
      - {id: hosp-docs, role: physician, facility_kinds: [hospital], shifts: [day, night], primary: 1, backup: 0}
      - {id: nurses, role: nurse, facility_kinds: [nurse_station], shifts: [day, night], primary: 1, backup: 0}

    """
}

/// Every date: docs day p1/p2, night p3/p4; hospital day h1, night h2; nurses day n1, night n2.
func chainRosterCSV(_ month: YearMonth) -> String {
    var lines = ["date,shift,pool,tier,member"]
    for d in month.days {
        lines += [
            "\(d),day,docs,primary,p1", "\(d),day,docs,backup,p2", "\(d),night,docs,primary,p3", "\(d),night,docs,backup,p4",
            "\(d),day,hosp-docs,primary,h1", "\(d),night,hosp-docs,primary,h2", "\(d),day,nurses,primary,n1", "\(d),night,nurses,primary,n2",
        ]
    }
    return lines.joined(separator: "\n") + "\n"
}

/// The register: pt1 with attending, partner and hospital and consent; pt2 with no partner, no hospital, no
/// consent; pt3 whose attending (p5) is off on 2026-12-05; pt4 of the southern clinic.
let chainPatientsCSV = """
    id,name,facility,attending,partner,hospital,consent
    pt1,山田 花子,c1,p2,p1,hosp,2026-04-01
    pt2,佐藤 一郎,c1,p1,,,
    pt3,鈴木 二郎,c2,p5,p2,hosp,2026-05-01
    pt4,高橋 三郎,c3,p6,,,2026-06-01

    """

func loadChainNetwork(webhook: String = "http://127.0.0.1:9/hook") throws -> Network {
    try NetworkLoader.parse(chainNetworkYAML(webhook: webhook), file: "chain-test.yaml")
}

extension Harness {
    static let callCentreToken = "call-centre-north"
    static let coordinator = ExtraContact(id: "coordinator", contact: Contact(webhook: "http://127.0.0.1:9/hook/coordinator"))

    /// The chain network, December published, the register loaded; at 02:00 on 2026-12-06 (the night of the 5th).
    static func chain(now: Date = instant("2026-12-06T02:00:00+09:00"), policy: EscalationPolicy? = nil) async throws -> Harness {
        try await Harness(
            now: now, network: try loadChainNetwork(),
            policy: policy ?? EscalationPolicy(ackTimeoutSeconds: 300, rounds: 1, coordinator: coordinator),
            grants: [TokenGrant(token: callCentreToken, role: .callCentre, districts: ["north"])])
    }
}
