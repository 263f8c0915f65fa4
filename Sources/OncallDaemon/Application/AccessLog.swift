// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OncallStore

/// One info line per request: method, route pattern, status, milliseconds and the kind of caller,
/// e.g. `PUT /v1/rosters/{month} 400 12.5 ms admin`.
///
/// Never the path as sent nor its query (member ids, names and phone numbers travel there), never
/// a token: the pattern and the caller's kind (admin, facility, responder, link, anonymous,
/// unknown) say who uses what and how fast, which is what the log is for.
struct AccessLog: RouterMiddleware {
    typealias Context = DaemonRequestContext
    let logger: Logger
    let auth: TokenAuthority
    /// Where sessions are looked up, and the clock they expire by.
    let store: any OncallStore
    let clock: any WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            await record(request, context, response.status, since: start)
            return response
        } catch {
            // Hummingbird answers a thrown error after this middleware: with its status, or 500.
            await record(request, context, (error as? any HTTPResponseError)?.status ?? .internalServerError, since: start)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, _ status: HTTPResponse.Status, since start: ContinuousClock.Instant) async {
        let elapsed = (ContinuousClock.now - start).components
        let ms = ((Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15) * 10).rounded() / 10
        let pattern = context.endpointPath ?? "-"
        let caller = await caller(request, context, pattern: pattern)
        logger.info("\(request.method.rawValue) \(pattern) \(status.code) \(ms) ms \(caller)")
    }

    /// The caller's kind: what the route group's authenticator found, else from its bearer token or session
    /// cookie (a route with no authenticator); a signed link or feed key is its own authority.
    func caller(_ request: Request, _ context: Context, pattern: String) async -> String {
        if let role = context.callerNote.role { return role.rawValue }
        // A store that cannot be read makes a session unknown here; the handler answers for it.
        switch (try? await WebSession.viewer(request, auth: auth, store: store, now: clock.now)) ?? .anonymous {
        case .signedIn(let principal): return principal.role.rawValue
        case .unknownBearer: return "unknown"
        case .anonymous:
            let cookie = request.cookies[WebSession.cookieName]?.value ?? ""
            if request.headers[.authorization] != nil || !cookie.isEmpty { return "unknown" }
            if pattern.hasPrefix("/v1/links/") || (pattern.hasPrefix("/v1/ical/") && pattern.hasSuffix(".ics")) { return "link" }
            return "anonymous"
        }
    }
}

extension Logger {
    /// The access log's logger: a label of its own, so it can be kept or filtered apart, at `level`.
    static func accessLog(level: Logger.Level) -> Logger {
        var logger = Logger(label: "oncall.access")
        logger.logLevel = level
        return logger
    }
}
