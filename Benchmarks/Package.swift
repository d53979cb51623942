// swift-tools-version: 6.1
import PackageDescription

// Micro-benchmarks of LLMTrace's hot paths (package-benchmark). A separate package so that the
// benchmark dependency (and its malloc interposer) never reaches LLMTrace's users.
// See README.md for the commands.
let package = Package(
    name: "LLMTraceMicroBenchmarks",
    dependencies: [
        .package(name: "LLMTrace", path: ".."),
        // Only the malloc interposer: the allocation counts are what the thresholds check. The
        // default "RuntimeInterposer" trait (ARC counters on Linux + Swift 6.3) is left off; no
        // benchmark here measures retains/releases.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "LLMTraceMicroBenchmarks",
            dependencies: [
                .product(name: "LLMTrace", package: "LLMTrace"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/LLMTraceMicroBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
