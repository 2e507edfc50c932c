// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "JournalPlan",
    products: [
        .executable(name: "plan", targets: ["plan"]),
        .library(name: "JournalPlanCore", targets: ["JournalPlanCore"]),
        .library(name: "JournalPlanRunner", targets: ["JournalPlanRunner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev), read through a small event-driven loader.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The system libcrypto (Debian: libssl-dev), for SHA-256 only.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The plan file's SHA-256, outside the pure core (the core is handed the hash as text).
        .target(
            name: "JournalPlanDigest",
            dependencies: ["CLibCrypto"]
        ),
        // Pure library: load → decode → validate → compile → render. No I/O beyond what it is handed.
        .target(
            name: "JournalPlanCore",
            dependencies: ["CLibYAML"]
        ),
        // The runner, its durable state and the adapters (PowerShell host, Mimecast API, simulator).
        .target(
            name: "JournalPlanRunner",
            dependencies: ["JournalPlanCore", "JournalPlanDigest"]
        ),
        // The thin `plan` executable.
        .executableTarget(
            name: "plan",
            dependencies: [
                "JournalPlanCore",
                "JournalPlanDigest",
                "JournalPlanRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark: whole-process validate/compile against a raw libyaml parse (Scripts/bench.sh).
        .executableTarget(
            name: "plan-bench",
            dependencies: ["JournalPlanCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/plan-bench"
        ),
        // Benchmark: the same work in process, timed stage by stage.
        .executableTarget(
            name: "plan-stages",
            dependencies: ["JournalPlanCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/plan-stages"
        ),
        .executableTarget(
            name: "yaml-parse-raw",
            dependencies: ["CLibYAML"],
            path: "Sources/yaml-parse-raw"
        ),
        // Paths to the repository and to built executables, shared by the test targets.
        .target(
            name: "JournalPlanTestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "JournalPlanCoreTests",
            dependencies: ["JournalPlanCore", "JournalPlanDigest", "JournalPlanTestSupport"],
            exclude: ["Golden"],
            resources: [.copy("Fixtures")]
        ),
        // A stand-in PowerShell host that speaks the runner's framing, for the host session tests.
        .executableTarget(
            name: "journalplan-test-host",
            dependencies: ["JournalPlanCore", "JournalPlanRunner"],
            path: "Tests/TestHost"
        ),
        .testTarget(
            name: "JournalPlanRunnerTests",
            dependencies: [
                "JournalPlanDigest",
                "JournalPlanRunner",
                "JournalPlanTestSupport",
                "journalplan-test-host",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        // End-to-end tests of the `plan` binary (exit codes, stdout, files).
        .testTarget(
            name: "PlanCLITests",
            dependencies: [
                "JournalPlanCore", "JournalPlanDigest", "JournalPlanTestSupport", "plan", "plan-bench", "plan-stages",
            ],
            exclude: ["Fixtures"]
        ),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
