// swift-tools-version:6.1
// Aureus: a terminal-native operations console. This file is the map of the code base:
// targets are grouped by top folder (Core, Server, TUI, Tests) and every Swift target gets
// the same upcoming-feature settings from the loop at the bottom.

import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "aureus",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "aureusd", targets: ["aureusd"]),
        .executable(name: "aureus", targets: ["aureus"]),
        .executable(name: "aureus-bench", targets: ["aureus-bench"]),
        // The parsers' modules, for the fuzz targets in Fuzz/ (a package of their own, built with
        // `-sanitize=fuzzer`); not an API for other packages.
        .library(name: "_AureusProtocol", targets: ["AureusProtocol"]),
        .library(name: "_AureusCore", targets: ["AureusCore"]),
        .library(name: "_AureusIngest", targets: ["AureusIngest"]),
        .library(name: "_AureusRecordings", targets: ["AureusRecordings"]),
        .library(name: "_AureusTUI", targets: ["AureusTUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
    ],
    targets: [
        // MARK: Core: protocol types and domain logic, no I/O.
        .target(name: "AureusProtocol", path: "Core/AureusProtocol"),
        .target(name: "AureusCore", dependencies: ["AureusProtocol"], path: "Core/AureusCore"),
        .systemLibrary(name: "CSodium", path: "Core/CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .target(name: "AureusCrypto", dependencies: ["CSodium"], path: "Core/AureusCrypto"),
        // Optimised in debug builds too: unoptimised SIMD runs ~100× slower, too slow for `make demo`'s
        // real-time 96-channel source and for the accuracy tests' recordings.
        .target(name: "AureusSpikes", path: "Core/AureusSpikes", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),

        // MARK: Server: I/O adapters, services and the aureusd binary.
        .systemLibrary(name: "CSQLite", path: "Server/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CHiredis", path: "Server/CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CZlib", path: "Server/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "AureusCompression", dependencies: ["CZlib"], path: "Server/AureusCompression"),
        .target(name: "AureusRecordings", dependencies: ["AureusCompression"], path: "Server/AureusRecordings"),
        .target(
            name: "AureusStorage",
            dependencies: [
                "AureusCore", "AureusProtocol", "AureusCrypto", "CSQLite", "AureusCompression",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Server/AureusStorage"
        ),
        .target(
            name: "AureusRedis",
            dependencies: [
                "AureusCore", "AureusProtocol", "CHiredis",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Server/AureusRedis"
        ),
        .target(name: "AureusIngest", dependencies: ["AureusProtocol", "AureusCrypto"], path: "Server/AureusIngest"),
        .target(
            name: "AureusGPU",
            dependencies: [
                "AureusCore", "AureusProtocol",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Server/AureusGPU"
        ),
        .target(
            name: "AureusServer",
            dependencies: [
                "AureusCore", "AureusProtocol", "AureusCrypto", "AureusStorage", "AureusRedis", "AureusIngest", "AureusGPU", "AureusSpikes",
                "AureusRecordings",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Server/AureusServer"
        ),
        .executableTarget(
            name: "aureusd",
            dependencies: [
                "AureusServer", "AureusProtocol", "AureusClient", "AureusIngest", "AureusGPU",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Server/aureusd"
        ),

        // MARK: TUI: the aureus terminal client.
        .systemLibrary(name: "CNcursesw", path: "TUI/CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "AureusTUI", dependencies: ["AureusCore", "AureusProtocol"], path: "TUI/AureusTUI"),
        .target(
            name: "AureusClient",
            dependencies: [
                "AureusProtocol",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "TUI/AureusClient"
        ),
        .target(name: "AureusTerminal", dependencies: ["AureusTUI", "CNcursesw"], path: "TUI/AureusTerminal"),
        .executableTarget(
            name: "aureus",
            dependencies: [
                "AureusTUI", "AureusTerminal", "AureusClient", "AureusProtocol", "AureusCore", "AureusCrypto",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "TUI/aureus"
        ),

        // MARK: Benchmarks: load generators used by bench/*.sh.
        .executableTarget(
            name: "aureus-bench",
            dependencies: [
                "AureusClient", "AureusProtocol", "AureusIngest", "AureusGPU", "AureusCore", "AureusCrypto", "AureusTestSupport",
                "AureusSpikes", .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/AureusBench"
        ),

        // MARK: Tests: real parts (SQLite, PostgreSQL, Redis, WebSocket, tmux), one target per module.
        .target(
            name: "AureusTestSupport",
            dependencies: [
                "AureusProtocol", "AureusCore", "AureusIngest", .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/AureusTestSupport"
        ),
        .testTarget(name: "AureusProtocolTests", dependencies: ["AureusProtocol"], path: "Tests/AureusProtocolTests"),
        .testTarget(name: "AureusCoreTests", dependencies: ["AureusCore", "AureusProtocol"], path: "Tests/AureusCoreTests"),
        .testTarget(name: "AureusCryptoTests", dependencies: ["AureusCrypto"], path: "Tests/AureusCryptoTests"),
        .testTarget(name: "AureusSpikesTests", dependencies: ["AureusSpikes"], path: "Tests/AureusSpikesTests"),
        .testTarget(name: "AureusCompressionTests", dependencies: ["AureusCompression"], path: "Tests/AureusCompressionTests"),
        .testTarget(
            name: "AureusRecordingsTests",
            dependencies: ["AureusRecordings", "AureusCompression"],
            path: "Tests/AureusRecordingsTests",
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AureusStorageTests",
            dependencies: [
                "AureusStorage", "AureusCore", "AureusCrypto", "AureusTestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/AureusStorageTests"
        ),
        .testTarget(
            name: "AureusIngestTests",
            dependencies: ["AureusIngest", "AureusCrypto", "AureusProtocol"],
            path: "Tests/AureusIngestTests"
        ),
        .testTarget(name: "AureusRedisTests", dependencies: ["AureusRedis", "AureusTestSupport"], path: "Tests/AureusRedisTests"),
        .testTarget(
            name: "AureusServerTests",
            dependencies: [
                "AureusServer", "AureusClient", "AureusTestSupport", "AureusCore", "AureusProtocol", "AureusIngest", "AureusRedis", "AureusCrypto",
                "AureusGPU", "AureusStorage",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "WSCore", package: "swift-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            path: "Tests/AureusServerTests"
        ),
        .testTarget(
            name: "AureusGPUTests",
            dependencies: ["AureusGPU", "AureusCore", "AureusProtocol", "AureusTestSupport", .product(name: "Logging", package: "swift-log")],
            path: "Tests/AureusGPUTests"
        ),
        .testTarget(name: "AureusTUITests", dependencies: ["AureusTUI", "AureusCore", "AureusProtocol"], path: "Tests/AureusTUITests"),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "AureusTestSupport", "AureusClient", "AureusProtocol", "AureusIngest", "AureusSpikes",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/EndToEndTests"
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + settings
}
