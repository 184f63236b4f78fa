// swift-tools-version:6.1
// Aureus fuzz targets: one libFuzzer executable per parser family, built only with
// `-sanitize=fuzzer` (scripts/fuzz.sh). A package of its own so that `swift build` of the main
// package never needs the fuzzer runtime; it reaches the parsers through the main package's
// `_`-prefixed library products.

import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// One executable per fuzz target (Targets/<name>/), each a `@main` that hands one harness
/// from Harnesses/ to libFuzzer. scripts/fuzz.sh runs them in this order.
let fuzzTargets = [
    "FuzzJSONRPC", "FuzzNeuralFrame", "FuzzWebhookVerify", "FuzzWebhookNormalise", "FuzzWAV", "FuzzMAT", "FuzzTOML", "FuzzApprovalPolicy",
    "FuzzTheme",
]

let package = Package(
    name: "aureus-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "aureus", path: "..")],
    targets: [
        .target(name: "CLibFuzzer", path: "CLibFuzzer"),
        .target(
            name: "FuzzHarnesses",
            dependencies: [
                "CLibFuzzer",
                .product(name: "_AureusProtocol", package: "aureus"),
                .product(name: "_AureusCore", package: "aureus"),
                .product(name: "_AureusIngest", package: "aureus"),
                .product(name: "_AureusRecordings", package: "aureus"),
                .product(name: "_AureusTUI", package: "aureus"),
            ],
            path: "Harnesses"
        ),
    ]
        + fuzzTargets.map { name in
            .executableTarget(name: name, dependencies: ["FuzzHarnesses"], path: "Targets/\(name)")
        }
)

for target in package.targets where target.name != "CLibFuzzer" {
    target.swiftSettings = (target.swiftSettings ?? []) + settings
}
