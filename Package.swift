// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "LLMTrace",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LLMTrace", targets: ["LLMTrace"]),
        .executable(name: "llmtrace-example", targets: ["LLMTraceExample"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
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
        .executableTarget(
            name: "LLMTraceExample",
            dependencies: ["LLMTrace"]
        ),
        .testTarget(
            name: "LLMTraceTests",
            dependencies: ["LLMTrace", "CCurlZlib"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
