/// Entry point of the LLMTrace micro-benchmarks: registers every benchmark of this target.
///
/// Each benchmark records wall clock (printed, never asserted), `mallocCountTotal` (checked
/// against `Thresholds/`, see README.md) and throughput. What one iteration is differs:
///
/// - cheap operations (span start/end, attributes, propagation) run 1000 times per iteration
///   (`scalingFactor: .kilo`); run with `--scale` to see the figures per operation;
/// - batch operations (the processor chain, OTLP encoding, gzip) do one batch of 512 spans per
///   iteration (`scalingFactor: .one`): their figures are per batch.
import Benchmark

let benchmarks: @Sendable () -> Void = {
    registerSpanBenchmarks()
    registerExportBenchmarks()
    registerPropagationBenchmarks()
}

extension Benchmark.Configuration {
    /// The settings every benchmark here uses.
    ///
    /// Only `mallocCountTotal` has a tolerance: none, at p90, the percentile `thresholds check`
    /// compares with the value stored in `Thresholds/`. Allocation counts per iteration are
    /// deterministic, so any rise is a regression. Wall clock and throughput get no tolerance
    /// at all (`.none` checks no percentile), so even a threshold file that stored them would
    /// never fail a run on timing.
    static func llmTrace(scalingFactor: BenchmarkScalingFactor) -> Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock, .mallocCountTotal, .throughput],
            warmupIterations: 5,
            scalingFactor: scalingFactor,
            maxDuration: .seconds(1),
            maxIterations: 10_000,
            thresholds: [
                .mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0]),
                .wallClock: BenchmarkThresholds.none,
                .throughput: BenchmarkThresholds.none,
            ]
        )
    }
}
