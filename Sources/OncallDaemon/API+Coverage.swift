// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import RosterModel

extension DaemonAPI {
    func addCoverageRoutes(_ router: Router<DaemonRequestContext>) {
        router.get("/v1/oncall") { request, _ in
            // A facility token sees the pools that cover its own patients, a call centre those of its districts.
            let who = try self.auth.require(request, .admin, .facility, .callCentre)
            let resolver = await self.book.resolver
            let (at, next) = try self.instantAndNext(request)
            let visible = ViewerScope(viewer: who, resolver: resolver).pools
            if let pool = request.uri.queryParameters.get("pool") {
                guard self.network.poolIndex[pool] != nil else {
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
        router.get("/v1/facilities/:id/oncall") { request, context in
            let who = try self.auth.require(request, .admin, .facility)
            let id = try context.parameters.decoded("id")
            if who.role == .facility && who.facility != id { throw APIError(.forbidden, field: "id", "this token acts for another facility") }
            guard self.network.facilityIndex[id] != nil else { throw APIError(.notFound, field: "id", "unknown facility \"\(id)\"") }
            let resolver = await self.book.resolver
            let (at, next) = try self.instantAndNext(request)
            let pools = resolver.pools(coveringFacility: id).map(\.id)
            if next { return try jsonResponse(pools.compactMap { resolver.next(pool: $0, after: at) }) }
            return try coverageResponse(pools.compactMap { resolver.built(pool: $0, at: at) }, array: true)
        }
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
