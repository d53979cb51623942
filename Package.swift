// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "LLMTrace",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LLMTrace", targets: ["LLMTrace"]),
        .library(name: "LLMTraceGenAI", targets: ["LLMTraceGenAI"]),
        .executable(name: "rag-demo", targets: ["RAGDemo"]),
        .executable(name: "llmtrace-example", targets: ["LLMTraceExample"]),
        .executable(name: "llmtrace-bench", targets: ["LLMTraceBenchmarks"]),
        .executable(name: "llmtrace-reliability", targets: ["LLMTraceReliability"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurlZlib",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev", "zlib1g-dev"])]
        ),
        .target(
            name: "LLMTrace",
            dependencies: [
                "CCurlZlib",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LLMTraceGenAI",
            dependencies: [
                "LLMTrace",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "RAGDemo",
            dependencies: [
                "LLMTrace",
                "LLMTraceGenAI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "LLMTraceBenchmarks",
            dependencies: [
                "LLMTrace",
                "LLMTraceTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "LLMTraceReliability",
            dependencies: [
                "LLMTrace",
                "LLMTraceTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "LLMTraceExample",
            dependencies: ["LLMTrace"]
        ),
        .target(
            name: "LLMTraceTestSupport",
            dependencies: ["LLMTrace", .product(name: "Logging", package: "swift-log")],
            path: "Tests/LLMTraceTestSupport"
        ),
        .testTarget(
            name: "LLMTraceTests",
            dependencies: ["LLMTrace", "CCurlZlib", "LLMTraceTestSupport"]
        ),
        .testTarget(
            name: "LLMTraceGenAITests",
            dependencies: ["LLMTraceGenAI", "LLMTraceTestSupport"]
        ),
        .testTarget(
            name: "RAGDemoTests",
            dependencies: ["RAGDemo", "LLMTraceGenAI", "LLMTraceTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
