// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "semhash",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "semhash", targets: ["semhash"]),
        .library(name: "SemanticHashing", targets: ["SemanticHashing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"])]
        ),
        .target(
            name: "SemanticHashing",
            dependencies: ["CICU", "CSQLite", "CBLAS", "CStemmer"],
            exclude: ["Index/SCHEMA.md"]
        ),
        .executableTarget(
            name: "semhash",
            dependencies: [
                "SemanticHashing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "semhash-bench",
            dependencies: [
                "SemanticHashing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "semhash-fuzz",
            dependencies: [
                "SemanticHashing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["SemanticHashing"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "SemanticHashingTests",
            dependencies: ["SemanticHashing", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
