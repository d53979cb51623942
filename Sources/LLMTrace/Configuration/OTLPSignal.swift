/// The OTLP signals LLMTrace exports; each has its own `OTEL_EXPORTER_OTLP_<SIGNAL>_*` variables
/// and URL path.
enum OTLPSignal: String, Sendable {
    case traces
    case metrics
    case logs
}
