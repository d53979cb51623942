// swift-tools-version: 6.0
import PackageDescription

// Coverage-guided fuzz targets (libFuzzer) for every parser of outside input. Its own package,
// so that nothing here is built by users or by the plain test run; scripts/fuzz.sh builds it
// with `-sanitize=fuzzer,address` and runs each target over its seed corpus (Corpus/<target>/).
let targets = [
    ("FuzzTraceparent", "LLMTrace"), ("FuzzTracestate", "LLMTrace"), ("FuzzBaggage", "LLMTrace"),
    ("FuzzEnvironment", "LLMTrace"), ("FuzzRetryAfter", "LLMTrace"), ("FuzzExportResponse", "LLMTrace"), ("FuzzSpoolFile", "LLMTrace"),
    ("FuzzPricingFile", "LLMTraceGenAI"),
]

let package = Package(
    name: "llmtrace-fuzz",
    dependencies: [
        .package(name: "LLMTrace", path: ".."),
    ],
    targets: [.target(name: "FuzzSupport")] + targets.map { name, library in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: library, package: "LLMTrace")])
    }
)
