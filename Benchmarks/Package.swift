// swift-tools-version:6.1
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Benchmarks for oncall, kept out of the root package so they add nothing to it.
// Run from this folder:  swift run -c release roster-bench
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
        .executable(name: "roster-bench", targets: ["RosterBench"])
    ],
    dependencies: [
        .package(name: "oncall", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "RosterBench",
            dependencies: dependencies,
            swiftSettings: settings
        )
    ],
    swiftLanguageModes: [.v6]
)
