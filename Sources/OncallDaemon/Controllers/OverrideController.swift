// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import OncallStore

/// `/v1/overrides`, for the office: swaps and substitutions on the published rosters, checked by `OverrideService`.
struct OverrideController<Store: OncallStore>: Sendable {
    let overrides: OverrideService<Store>

    func addRoutes(to group: RouterGroup<DaemonRequestContext>) {
        group.add(middleware: RoleGuard(.admin))
        group.post(use: create)
        group.get(use: list)
        group.delete(":id", use: revoke)
    }

    @Sendable func create(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let r = try await request.decodeJSON(OverrideRequest.self)
        return try jsonResponse(try await overrides.create(r, by: try context.caller()), status: .created)
    }

    @Sendable func list(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        try jsonResponse(try await overrides.store.activeOverrides())
    }

    @Sendable func revoke(_ request: Request, context: DaemonRequestContext) async throws -> Response {
        let id = try context.parameters.decoded("id")
        guard try await overrides.revoke(id: id, by: try context.caller()) else {
            throw APIError(.notFound, field: "id", "no override \"\(id)\" in force")
        }
        return Response(status: .noContent)
    }
}
