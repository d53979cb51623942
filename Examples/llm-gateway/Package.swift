// swift-tools-version: 6.0
import PackageDescription

// The LLM gateway example: its own package, so that users of the library never fetch
// Hummingbird or AsyncHTTPClient. It depends on LLMTrace through the path of this repository.
let package = Package(
    name: "llm-gateway",
    products: [
        .executable(name: "llm-gateway", targets: ["LLMGatewayServer"]),
    ],
    dependencies: [
        .package(name: "LLMTrace", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "LLMGateway",
            dependencies: [
                .product(name: "LLMTrace", package: "LLMTrace"),
                .product(name: "LLMTraceGenAI", package: "LLMTrace"),
                .product(name: "LLMTraceDistributedTracing", package: "LLMTrace"),
                .product(name: "LLMTraceServiceLifecycle", package: "LLMTrace"),
                .product(name: "RAGDemoKit", package: "LLMTrace"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "LLMGatewayServer",
            dependencies: [
                "LLMGateway",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LLMGatewayTests",
            dependencies: [
                "LLMGateway",
                "LLMGatewayServer",
                .product(name: "LLMTraceTesting", package: "LLMTrace"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
