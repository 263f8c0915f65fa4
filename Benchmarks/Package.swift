// swift-tools-version:6.1
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Benchmarks for oncall, kept out of the root package so they add nothing to it.
// Run from this folder:  swift run -c release roster-bench
//                        swift run -c release daemon-bench
import Foundation
import PackageDescription

// By default roster-bench drives the built `oncall` binary through its CLI and JSON (what a user
// runs, process start included), and uses the RosterSolver and RosterModel products to parse
// networks and to check every roster independently.
//
// With ROSTER_BENCH_IN_PROCESS=1 it also links the root's GLPKBackend product and solves
// in-process (GLPKSolver + RosterSolver).
let inProcess = ProcessInfo.processInfo.environment["ROSTER_BENCH_IN_PROCESS"] == "1"

var dependencies: [Target.Dependency] = [
    .product(name: "RosterSolver", package: "oncall"),
    .product(name: "ArgumentParser", package: "swift-argument-parser"),
]
var settings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
if inProcess {
    dependencies.append(.product(name: "GLPKBackend", package: "oncall"))
    settings.append(.define("ROSTER_BENCH_IN_PROCESS"))
}

let package = Package(
    name: "oncall-benchmarks",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "roster-bench", targets: ["RosterBench"]),
        .executable(name: "daemon-bench", targets: ["DaemonBench"]),
    ],
    dependencies: [
        .package(name: "oncall", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // daemon-bench: its own open-loop HTTP load generator and webhook receiver (NIO), and plain
        // requests to the daemon (AsyncHTTPClient). The root already resolves both.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .executableTarget(
            name: "RosterBench",
            dependencies: dependencies,
            swiftSettings: settings
        ),
        // Starts the release daemon, pages a webhook receiver of its own and measures page latency,
        // who-covers latency and restart-to-paging against the targets.
        .executableTarget(
            name: "DaemonBench",
            dependencies: [
                .product(name: "RosterModel", package: "oncall"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
