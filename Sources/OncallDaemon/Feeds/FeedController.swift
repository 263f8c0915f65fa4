// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import NIOCore
import OncallCalendar
import OncallStore
import RosterModel

/// `/v1/ical`: the office makes, lists and revokes feed keys (bearer, admin); a calendar app fetches a member's
/// or a pool's duties with a key in the address, which is its only authority.
struct FeedController<Store: OncallStore>: Sendable {
    let keys: FeedKeyService<Store>
    let book: RosterBook
    var store: Store { keys.store }
    var network: Network { keys.network }
    var clock: any WallClock { keys.clock }

    /// The key routes, behind the bearer authenticator.
    func addKeyRoutes(to group: RouterGroup<DaemonRequestContext>) {
        group.add(middleware: RoleGuard(.admin))
        group.post(use: createKey)
        group.get(use: listKeys)
        group.delete(":key", use: revokeKey)
    }

    /// The feeds themselves, with no token.
    func addFeedRoutes(to group: RouterGroup<DaemonRequestContext>) {
        group.get("members/{id}.ics") { request, context in
            try await feedResponse(.member, id: try context.parameters.decoded("id"), request: request)
        }
        group.get("pools/{id}.ics") { request, context in
            try await feedResponse(.pool, id: try context.parameters.decoded("id"), request: request)
        }
    }

    struct KeyRequest: Decodable {
        var member: String?
        var pool: String?
    }

    @Sendable func createKey(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        let body = try await request.decodeJSON(KeyRequest.self)
        let record: FeedKeyRecord
        switch (body.member, body.pool) {
        case (let member?, nil): record = try await keys.createFeedKey(.member, subject: member, actor: who.actor)
        case (nil, let pool?): record = try await keys.createFeedKey(.pool, subject: pool, actor: who.actor)
        default: throw APIError(.badRequest, field: "member", "give exactly one of \"member\" or \"pool\"")
        }
        return try jsonResponse(keys.feedKeyView(record, site: keys.siteURL(request)), status: .created)
    }

    @Sendable func listKeys(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let site = keys.siteURL(request)
        return try jsonResponse(try await store.activeFeedKeys().map { keys.feedKeyView($0, site: site) })
    }

    @Sendable func revokeKey(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        let given = try context.parameters.decoded("key")
        guard try await keys.revokeFeedKey(given, actor: who.actor) else {
            throw APIError(.notFound, field: "key", "no feed key in force")
        }
        return Response(status: .noContent)
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
