// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import RosterModel

/// "Who covers now?": `/v1/oncall` (every pool the caller may see, or one) for the office, facilities and call
/// centres, and `/v1/facilities/{id}/oncall` (the pools covering a facility). Answered from the roster book in
/// memory, never from the disk.
struct CoverageController: Sendable {
    let book: RosterBook
    let clock: any WallClock
    var network: Network { book.network }

    func addRoutes(to group: RouterGroup<DaemonRequestContext>) {
        group.group("oncall").add(middleware: RoleGuard(.admin, .facility, .callCentre)).get(use: oncall)
        group.group("facilities/:id/oncall").add(middleware: RoleGuard(.admin, .facility)).get(use: facility)
    }

    /// A facility token sees the pools that cover its own patients, a call centre those of its districts.
    @Sendable func oncall(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        let resolver = await book.resolver
        let (at, next) = try instantAndNext(request)
        let visible = ViewerScope(viewer: who, resolver: resolver).pools
        if let pool = request.uri.queryParameters.get("pool") {
            guard network.poolIndex[pool] != nil else {
                throw APIError(.badRequest, field: "pool", "unknown pool \"\(pool)\"" + (suggestion(for: pool, among: visible).map { " — \($0)" } ?? ""))
            }
            guard visible.contains(pool) else { throw APIError(.forbidden, field: "pool", "\(pool) does not cover \(who.facility ?? "this facility")") }
            if next {
                guard let c = resolver.next(pool: pool, after: at) else { throw APIError(.notFound, field: "pool", "nobody is rostered for \(pool) then") }
                return try jsonResponse(c)
            }
            guard let c = resolver.built(pool: pool, at: at) else { throw APIError(.notFound, field: "pool", "nobody is rostered for \(pool) then") }
            return try coverageResponse([c])
        }
        if next { return try jsonResponse(visible.compactMap { resolver.next(pool: $0, after: at) }) }
        return try coverageResponse(visible.compactMap { resolver.built(pool: $0, at: at) }, array: true)
    }

    @Sendable func facility(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let who = try context.caller()
        let id = try context.parameters.decoded("id")
        if who.role == .facility && who.facility != id { throw APIError(.forbidden, field: "id", "this token acts for another facility") }
        guard network.facilityIndex[id] != nil else { throw APIError(.notFound, field: "id", "unknown facility \"\(id)\"") }
        let resolver = await book.resolver
        let (at, next) = try instantAndNext(request)
        let pools = resolver.pools(coveringFacility: id).map(\.id)
        if next { return try jsonResponse(pools.compactMap { resolver.next(pool: $0, after: at) }) }
        return try coverageResponse(pools.compactMap { resolver.built(pool: $0, at: at) }, array: true)
    }

    /// Coverages as JSON from the resolver's cache: one object, or an array when `array`.
    func coverageResponse(_ built: [BuiltCoverage], array: Bool = false) throws -> Response {
        var parts: [Data] = []
        for b in built { parts.append(try b.json ?? encodeJSON(b.coverage)) }
        return jsonResponse(encoded: array ? encodedJSONArray(parts) : parts[0])
    }

    /// `at` (default now, must carry a time zone) and whether `next=1` asks for the following shift.
    func instantAndNext(_ request: Request) throws -> (Date, Bool) {
        let at = try request.uri.queryParameters.get("at").map { try parseInstant($0, field: "at") } ?? clock.now
        let next = request.uri.queryParameters.get("next").map { $0 == "1" || $0 == "true" } ?? false
        return (at, next)
    }
}
