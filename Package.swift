// swift-tools-version:6.1
// SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

// Upcoming features every target opts into, so the code already reads as Swift 7 will want it.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "oncall",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "oncall", targets: ["oncall"]),
        .executable(name: "oncalld", targets: ["oncalld"]),
        .library(name: "RosterSolver", targets: ["RosterSolver"]),
        .library(name: "RosterModel", targets: ["RosterModel"]),
        .library(name: "GLPKBackend", targets: ["GLPKBackend"]),
        .library(name: "OncallNotifiers", targets: ["OncallNotifiers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        // The daemon: HTTP, storage, lifecycle, signatures, outbound pages.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // MARK: - C libraries

        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]
        ),

        // MARK: - Solver layers

        // Safe, thread-confined wrapper around the GLPK C API.
        .target(
            name: "GLPK",
            dependencies: ["CGLPK", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Solver-independent mixed-integer linear model.
        .target(name: "LinearModel", swiftSettings: swiftSettings),
        // Solves a LinearModel with GLPK on dedicated threads.
        .target(
            name: "GLPKBackend",
            dependencies: ["GLPK", "LinearModel", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        // MARK: - Domain

        // Civil dates and the Japanese holiday law.
        .target(name: "OncallCalendar", swiftSettings: swiftSettings),
        // Network file, rosters, hard-rule checker, load and fairness measures.
        .target(
            name: "RosterModel",
            dependencies: [
                "OncallCalendar",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // From a network and a month to a solved roster: compiler, heuristics, decomposition, diagnosis.
        .target(
            name: "RosterSolver",
            dependencies: [
                "RosterModel", "LinearModel", "OncallCalendar",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Daemon

        // Durable state of the daemon: published rosters, overrides, escalations, pages, audit log.
        .target(
            name: "OncallStore",
            dependencies: ["RosterModel", "OncallCalendar", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The same store on a PostgreSQL server that several daemons share.
        .target(
            name: "OncallStorePostgres",
            dependencies: [
                "OncallStore", "RosterModel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Pages over webhook, e-mail (SMTP) and SMS: what a page says and how each channel delivers it; no store, no HTTP server.
        .target(
            name: "OncallNotifiers",
            dependencies: [
                "RosterModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // Who covers now, the escalation engine, the notifiers' wiring and the HTTP API.
        .target(
            name: "OncallDaemon",
            dependencies: [
                "OncallStore", "OncallStorePostgres", "RosterModel", "OncallCalendar", "OncallNotifiers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Command line

        // The roster commands: they build without the daemon's HTTP and TLS stack, so a first roster is quick.
        .target(
            name: "OncallCLI",
            dependencies: [
                "RosterSolver", "RosterModel", "OncallCalendar", "LinearModel", "GLPKBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "oncall", dependencies: ["OncallCLI"], swiftSettings: swiftSettings),
        // The daemon's commands: serve, who, patients import.
        .target(
            name: "OncallDaemonCLI",
            dependencies: [
                "OncallCLI", "RosterModel", "OncallStore", "OncallDaemon",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "oncalld", dependencies: ["OncallDaemonCLI"], swiftSettings: swiftSettings),

        // MARK: - Tests

        .testTarget(name: "GLPKTests", dependencies: ["GLPK"], swiftSettings: swiftSettings),
        .testTarget(name: "OncallCalendarTests", dependencies: ["OncallCalendar"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RosterModelTests",
            dependencies: ["RosterModel", "OncallCalendar"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RosterSolverTests",
            dependencies: ["RosterSolver", "RosterModel", "LinearModel", "GLPKBackend", "OncallCalendar"],
            swiftSettings: swiftSettings
        ),
        // Helpers several test targets share: Python's icalendar as an independent feed parser, Chromium.
        .target(name: "OncallTestSupport", path: "Tests/OncallTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "OncallCLITests",
            dependencies: ["OncallCLI", "OncallDaemonCLI", "RosterModel", "OncallStore", "OncallTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OncallDaemonTests",
            dependencies: [
                "OncallDaemon", "OncallNotifiers", "OncallStore", "OncallStorePostgres", "RosterModel", "OncallCalendar", "OncallTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
