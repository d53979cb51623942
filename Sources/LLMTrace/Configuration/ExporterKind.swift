/// Where a signal goes: the values of `OTEL_TRACES_EXPORTER` and `OTEL_METRICS_EXPORTER`.
public enum ExporterKind: String, Sendable, Equatable, CaseIterable {
    /// OTLP/HTTP JSON to the signal's endpoint.
    case otlp
    /// Standard error: one line per span; the Prometheus text for metrics.
    case console
    /// Metrics only: aggregated, pushed nowhere, served by the app from
    /// `TracerProvider.metrics?.prometheusText()`. Ignored for traces.
    case prometheus
}
