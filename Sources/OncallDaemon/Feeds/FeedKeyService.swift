// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallStore
import RosterModel

/// A feed key as the admin API shows it: the key and the feed's address, never stored as such.
struct FeedKeyView: Encodable {
    var id: String
    var kind: FeedKeyRecord.Kind
    var subject: String
    var key: String
    var url: String
    var createdAt: Date
    var createdBy: String

    enum CodingKeys: String, CodingKey {
        case id, kind, subject, key, url
        case createdAt = "created_at"
        case createdBy = "created_by"
    }
}

/// Calendar feed keys: made and revoked by the office (through the API or a member's page), kept only as a
/// hash; the key itself is derived from its row's id and the daemon's secret, so it can be shown again.
struct FeedKeyService<Store: OncallStore>: Sendable {
    let store: Store
    let network: Network
    let clock: any WallClock
    let feedKeys: FeedKeys
    /// `public_url` from the config: feed addresses start with it.
    let publicURL: String?

    func createFeedKey(_ kind: FeedKeyRecord.Kind, subject: String, actor: String) async throws -> FeedKeyRecord {
        switch kind {
        case .member:
            guard network.memberIndex[subject] != nil else { throw APIError(.badRequest, field: "member", "unknown member \"\(subject)\"") }
        case .pool:
            guard network.poolIndex[subject] != nil else { throw APIError(.badRequest, field: "pool", "unknown pool \"\(subject)\"") }
        }
        let now = clock.now
        let id = UUID().uuidString.lowercased()
        let record = FeedKeyRecord(
            id: id, kind: kind, subject: subject, keyHash: FeedKeys.hash(feedKeys.key(id: id)), createdAt: now, createdBy: actor)
        // The audit log names the feed and the row, never the key.
        try await store.insert(record, audit: AuditEntry(at: now, actor: actor, action: "create_feed_key", subject: "\(kind.rawValue):\(subject)", detail: id))
        return record
    }

    /// Revokes the key given as the key itself or as its row's id; false when none is in force.
    func revokeFeedKey(_ given: String, actor: String) async throws -> Bool {
        var found = try await store.feedKey(hash: FeedKeys.hash(given))
        if found == nil { found = try await store.feedKey(id: given) }
        guard let record = found else { return false }
        let now = clock.now
        return try await store.revokeFeedKey(
            id: record.id, at: now,
            audit: AuditEntry(at: now, actor: actor, action: "revoke_feed_key", subject: "\(record.kind.rawValue):\(record.subject)", detail: record.id))
    }

    /// - Parameter site: the daemon's address, which the feed's URL starts with.
    func feedKeyView(_ record: FeedKeyRecord, site: String) -> FeedKeyView {
        let key = feedKeys.key(id: record.id)
        return FeedKeyView(
            id: record.id, kind: record.kind, subject: record.subject, key: key, url: site + feedPath(record.kind, record.subject, key: key),
            createdAt: record.createdAt, createdBy: record.createdBy)
    }

    /// The address people reach the daemon at: `public_url` from the config, else the Host the request came to.
    func siteURL(_ request: Request) -> String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        return "http://" + (request.head.authority ?? "localhost")
    }

    /// "/v1/ical/members/ID.ics?key=KEY".
    func feedPath(_ kind: FeedKeyRecord.Kind, _ subject: String, key: String) -> String {
        let id = subject.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? subject
        return "/v1/ical/\(kind == .member ? "members" : "pools")/\(id).ics?key=\(key)"
    }
}
