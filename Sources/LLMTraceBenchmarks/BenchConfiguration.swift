import FoundationEssentials
@_spi(Benchmarks) import LLMTrace
import LLMTraceSupport

/// One benchmark configuration, per `../shared/bench/WORKLOAD.md`.
enum BenchConfiguration: String, CaseIterable {
    /// The library's defaults (batch queue 2048, sampling rules on with always-on head sampling).
    case `default`
    /// `default` with the LLM metrics (and the trace totals they sum) off. What the metrics cost
    /// is measured apart (`Workload.metricsCost`): the difference of these two end-to-end runs
    /// is mostly noise.
    case metricsOff = "metrics-off"
    /// A queue that holds every span of the run, so nothing can be dropped.
    case bigq
    /// `bigq` with gzip.
    case gzipBigq = "gzip-bigq"
    /// Sampling rules on: keep errors + `parentbased_traceidratio` 0.01, default queue.
    case rules
    /// `bigq` over `http/protobuf`.
    case protobufBigq = "protobuf-bigq"
    /// `gzip-bigq` over `http/protobuf`.
    case protobufGzipBigq = "protobuf-gzip-bigq"
    /// `bigq` with one request in flight (`LLMTRACE_EXPORT_CONCURRENCY=1`).
    case bigqConcurrency1 = "bigq-concurrency1"

    func tracing(endpoint: String, traces: Int) -> TracingConfiguration {
        var configuration = TracingConfiguration()
        configuration.serviceName = "llmtrace-bench"
        configuration.otlp.endpoint = endpoint
        // LLM metrics are aggregated from every span, as by default, but not pushed: the sink
        // counts spans, and one push at shutdown would not change the figures.
        configuration.metrics.exporters = [.prometheus]
        if self == .metricsOff { configuration.metrics.exporters = [] }
        if ![.default, .rules, .metricsOff].contains(self) {
            // The delivery queue must not push anything out either: the big queues are about
            // throughput with nothing dropped.
            configuration.otlp.delivery.maxQueueBytes = Int.max / 2
        }
        switch self {
        case .default, .metricsOff:
            break
        case .bigq:
            configuration.batch.maxQueueSize = max(2048, traces * 4)
        case .gzipBigq:
            configuration.batch.maxQueueSize = max(2048, traces * 4)
            configuration.otlp.compression = .gzip
        case .rules:
            configuration.sampler = Samplers.parentBased(root: Samplers.traceIDRatio(0.01))
            configuration.samplingRules.keepErrors = true
        case .protobufBigq:
            configuration.batch.maxQueueSize = max(2048, traces * 4)
            configuration.otlp.protocol = .httpProtobuf
        case .protobufGzipBigq:
            configuration.batch.maxQueueSize = max(2048, traces * 4)
            configuration.otlp.protocol = .httpProtobuf
            configuration.otlp.compression = .gzip
        case .bigqConcurrency1:
            configuration.batch.maxQueueSize = max(2048, traces * 4)
            configuration.otlp.delivery.concurrency = 1
        }
        return configuration
    }
}
