// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "semhash",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "semhash", targets: ["semhash"]),
        .library(name: "SemanticHashing", targets: ["SemanticHashing"]),
        .library(name: "SemanticHashingServer", targets: ["SemanticHashingServer"]),
        .library(name: "SemanticHashingPostgres", targets: ["SemanticHashingPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `semhash serve`; no traits: the server needs neither swift-configuration nor the full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Hummingbird's own dependencies, named because the server uses their types.
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // The PostgreSQL store (`--index postgresql://…`, `semhash copy`).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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
        // Whole-array exponentials through glibc's vector math library (the softmax and logistic units).
        .target(
            name: "CVectorMath",
            linkerSettings: [.linkedLibrary("mvec"), .linkedLibrary("m")]
        ),
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"])]
        ),
        .target(
            name: "SemanticHashing",
            dependencies: ["CICU", "CSQLite", "CBLAS", "CStemmer", "CVectorMath"],
            exclude: ["Index/SCHEMA.md"]
        ),
        // The HTTP server (SwiftNIO through Hummingbird), apart so that the core library does not pull in NIO.
        .target(
            name: "SemanticHashingServer",
            dependencies: [
                "SemanticHashing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The search page and the API's description, compiled into the binary (served without any file).
            resources: [.embedInCode("Resources/index.html"), .embedInCode("Resources/page.css"),
                        .embedInCode("Resources/page.js"), .embedInCode("Resources/openapi.json")]
        ),
        // The PostgreSQL store (PostgresNIO), apart so that the core library does not pull in NIO either.
        .target(
            name: "SemanticHashingPostgres",
            dependencies: [
                "SemanticHashing",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The schema's migrations, compiled into the binary (applied from Swift, also read by the scripts).
            resources: [.embedInCode("Migrations/v1-schema.sql"), .embedInCode("Migrations/v1-search.sql"),
                        .embedInCode("Migrations/v2-words.sql"), .embedInCode("Migrations/v3-changes.sql"),
                        .embedInCode("Migrations/v4-change-log.sql"),
                        .embedInCode("Migrations/v5-wordless.sql")]
        ),
        .executableTarget(
            name: "semhash",
            dependencies: [
                "SemanticHashing",
                "SemanticHashingServer",
                "SemanticHashingPostgres",
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
        // The PostgreSQL store's pure helpers (SQL splitting, COPY text, URLs, hash words): no server needed.
        .testTarget(
            name: "SemanticHashingPostgresTests",
            dependencies: [
                "SemanticHashingPostgres", "SemanticHashing", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "SemanticHashingServerTests",
            dependencies: [
                "SemanticHashingServer", "SemanticHashing", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
