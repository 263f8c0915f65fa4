// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import NIOCore
import OncallCalendar
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

extension DaemonAPI {
    var feedKeys: FeedKeys { FeedKeys(secret: links.secret) }

    func addFeedRoutes(_ router: Router<DaemonRequestContext>) {
        router.post("/v1/ical/keys") { request, _ in
            let who = try self.auth.require(request, .admin)
            struct Body: Decodable {
                var member: String?
                var pool: String?
            }
            let body = try await request.decodeJSON(Body.self)
            let record: FeedKeyRecord
            switch (body.member, body.pool) {
            case (let member?, nil): record = try await self.createFeedKey(.member, subject: member, actor: who.actor)
            case (nil, let pool?): record = try await self.createFeedKey(.pool, subject: pool, actor: who.actor)
            default: throw APIError(.badRequest, field: "member", "give exactly one of \"member\" or \"pool\"")
            }
            return try jsonResponse(self.feedKeyView(record, site: self.siteURL(request)), status: .created)
        }
        router.get("/v1/ical/keys") { request, _ in
            _ = try self.auth.require(request, .admin)
            let site = self.siteURL(request)
            return try jsonResponse(try await self.store.activeFeedKeys().map { self.feedKeyView($0, site: site) })
        }
        router.delete("/v1/ical/keys/:key") { request, context in
            let who = try self.auth.require(request, .admin)
            let given = try context.parameters.decoded("key")
            guard try await self.revokeFeedKey(given, actor: who.actor) else {
                throw APIError(.notFound, field: "key", "no feed key in force")
            }
            return Response(status: .noContent)
        }
        router.get("/v1/ical/members/{id}.ics") { request, context in
            try await self.feedResponse(.member, id: try context.parameters.decoded("id"), request: request)
        }
        router.get("/v1/ical/pools/{id}.ics") { request, context in
            try await self.feedResponse(.pool, id: try context.parameters.decoded("id"), request: request)
        }
    }

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

    /// The feed, for a key in force that was made for exactly this member or pool; 404 otherwise,
    /// the same for a wrong, revoked or misplaced key, so a caller learns nothing about keys.
    func feedResponse(_ kind: FeedKeyRecord.Kind, id: String, request: Request) async throws -> Response {
        let notFound = APIError(.notFound, "no such feed")
        guard let key = request.uri.queryParameters.get("key"), !key.isEmpty,
            let record = try await store.feedKey(hash: FeedKeys.hash(key)),
            record.revokedAt == nil, record.kind == kind, record.subject == id
        else { throw notFound }
        let selection: CalendarFeed.Selection
        switch kind {
        case .member:
            guard network.memberIndex[id] != nil else { throw notFound }
            selection = .member(id)
        case .pool:
            guard network.poolIndex[id] != nil else { throw notFound }
            selection = .pool(id)
        }
        let now = clock.now
        let resolver = await book.resolver
        let months = DutyFeed.months(around: resolver.local(now).0)
        var rosters: [Roster] = []
        for month in months { if let r = await book.roster(month) { rosters.append(r) } }
        let overrides = try await store.overrides(from: months.first!.firstDay.description, through: months.last!.lastDay.description)
        let language = request.uri.queryParameters.get("lang").flatMap(ReportLanguage.init(rawValue:)) ?? .default(timezone: network.timezone)
        let feed = DutyFeed.make(
            selection, rosters: rosters, overrides: overrides, network: network, japanese: language == .ja)
        return Response(
            status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: feed.render(stamp: now))))
    }
}
