// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "LLMTrace",
    // Linux only: that is where LLMTrace is built and tested. No Apple platform is declared,
    // because none is built or tested (Glibc sockets and pthread clocks are used directly).
    products: [
        .library(name: "LLMTrace", targets: ["LLMTrace"]),
        .library(name: "LLMTraceGenAI", targets: ["LLMTraceGenAI"]),
        .library(name: "LLMTraceTesting", targets: ["LLMTraceTesting"]),
        .library(name: "LLMTraceDistributedTracing", targets: ["LLMTraceDistributedTracing"]),
        .library(name: "LLMTraceServiceLifecycle", targets: ["LLMTraceServiceLifecycle"]),
        // The demo's RAG pipeline, shared by rag-demo and Examples/llm-gateway: example code, not
        // LLMTrace API.
        .library(name: "RAGDemoKit", targets: ["RAGDemoKit"]),
        .executable(name: "rag-demo", targets: ["RAGDemo"]),
        .executable(name: "llmtrace-example", targets: ["LLMTraceExample"]),
        .executable(name: "llmtrace-bench", targets: ["LLMTraceBenchmarks"]),
        .executable(name: "llmtrace-reliability", targets: ["LLMTraceReliability"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // `swift package generate-documentation`: the DocC reference of each library product.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurlZlib",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev", "zlib1g-dev"])]
        ),
        // gzip levels 0 and 2–12, inflating a body in one call, and the spool's CRC-32: faster
        // than zlib on whole buffers.
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        // gzip at the fastest level, the exporter's default: ISA-L's igzip, about three times
        // libdeflate's level 1 on span bodies.
        .systemLibrary(
            name: "CIgzip",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),
        // OpenSSL's libcrypto (which libcurl loads anyway) for the question hash's SHA-256.
        .systemLibrary(
            name: "COpenSSLCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Machinery the other targets share (locks, clocks, deadlines, the JSON writer, gzip,
        // the environment reader, child processes, the loopback HTTP server): not a product;
        // only `LoopbackHTTPServer` reaches users, through `LLMTraceTesting`'s typealias.
        .target(
            name: "LLMTraceSupport",
            dependencies: [
                "CCurlZlib",
                "CDeflate",
                "CIgzip",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LLMTrace",
            dependencies: [
                "LLMTraceSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LLMTraceGenAI",
            dependencies: [
                "LLMTrace",
                "LLMTraceSupport",
                "COpenSSLCrypto",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LLMTraceDistributedTracing",
            dependencies: [
                "LLMTrace",
                "LLMTraceSupport",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        .target(
            name: "LLMTraceServiceLifecycle",
            dependencies: [
                "LLMTrace",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "LLMTraceTesting",
            dependencies: [
                "LLMTrace",
                "LLMTraceSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RAGDemoKit",
            dependencies: [
                "LLMTrace",
                "LLMTraceGenAI",
                "LLMTraceSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "RAGDemo",
            dependencies: [
                "LLMTrace",
                "LLMTraceGenAI",
                "LLMTraceSupport",
                "RAGDemoKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // llmtrace-bench's count of the caller's heap allocations: it interposes malloc, so only
        // the benchmark links it.
        .target(name: "CAllocationCount"),
        .executableTarget(
            name: "LLMTraceBenchmarks",
            dependencies: [
                "LLMTrace",
                "LLMTraceSupport",
                "CAllocationCount",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "LLMTraceReliability",
            dependencies: [
                "LLMTrace",
                "LLMTraceTesting",
                "LLMTraceSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "LLMTraceExample",
            dependencies: ["LLMTrace"]
        ),
        .testTarget(
            name: "LLMTraceTests",
            dependencies: ["LLMTrace", "LLMTraceSupport", "LLMTraceTesting"]
        ),
        .testTarget(
            name: "LLMTraceSupportTests",
            dependencies: ["LLMTraceSupport", "LLMTraceTesting"]
        ),
        .testTarget(
            name: "LLMTraceDistributedTracingTests",
            dependencies: [
                "LLMTraceDistributedTracing",
                "LLMTraceTesting",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "LLMTraceServiceLifecycleTests",
            dependencies: [
                "LLMTraceServiceLifecycle",
                "LLMTraceTesting",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "LLMTraceGenAITests",
            dependencies: ["LLMTraceGenAI", "LLMTraceSupport", "LLMTraceTesting"]
        ),
        .testTarget(
            name: "RAGDemoTests",
            dependencies: ["RAGDemo", "RAGDemoKit", "LLMTraceGenAI", "LLMTraceSupport", "LLMTraceTesting"]
        ),
        .testTarget(
            name: "RAGDemoKitTests",
            dependencies: ["RAGDemoKit", "LLMTraceGenAI", "LLMTraceTesting"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
