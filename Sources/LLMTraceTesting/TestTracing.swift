@_spi(Testing) import LLMTrace
import Logging

/// Providers for tests of code that creates spans.
///
/// ```swift
/// let (provider, exporter) = TestTracing.provider()
/// try await MyPipeline(tracer: provider.tracer("test")).answer("…")
/// provider.forceFlush()
/// #expect(exporter.spans.map(\.name) == ["retrieval", "chat gpt-4o-mini", "rag_pipeline"])
/// ```
public enum TestTracing {
    /// A provider whose spans land in an `InMemorySpanExporter`, flushed on demand.
    ///
    /// LLM metrics are aggregated (tests may read them) but never pushed to a collector that is
    /// not there; everything else is as `configure` leaves the defaults.
    /// - Parameters:
    ///   - clock: Drives the sampling rules' waits and ages; default: the real monotonic clock.
    ///   - logger: LLMTrace's own log, for tests of what it warns about.
    ///   - configure: Changes to the default configuration.
    public static func provider(
        clock: ManualClock? = nil,
        logger: Logger = Logger(label: "llmtrace.test"),
        _ configure: (inout TracingConfiguration) -> Void = { _ in }
    ) -> (TracerProvider, InMemorySpanExporter) {
        let exporter = InMemorySpanExporter()
        var configuration = TracingConfiguration()
        configure(&configuration)
        configuration.metrics.exporters = configuration.metrics.exporters.isEmpty ? [] : [.prometheus]
        let processor = BatchSpanProcessor(exporter: exporter, configuration: configuration.batch)
        // Log records stay in the process: a test that wants them asks `providerWithLogs`.
        let provider = TracerProvider(configuration: configuration, processors: [processor], logExporters: [], logger: logger, clock: clock?.read)
        return (provider, exporter)
    }

    /// `provider(clock:logger:_:)`, with its log records (swift-log lines through
    /// `logHandler(label:)`, GenAI events) in an `InMemoryLogRecordExporter` too.
    public static func providerWithLogs(
        logger: Logger = Logger(label: "llmtrace.test"),
        _ configure: (inout TracingConfiguration) -> Void = { _ in }
    ) -> (TracerProvider, InMemorySpanExporter, InMemoryLogRecordExporter) {
        let exporter = InMemorySpanExporter()
        let logs = InMemoryLogRecordExporter()
        var configuration = TracingConfiguration()
        configure(&configuration)
        configuration.metrics.exporters = configuration.metrics.exporters.isEmpty ? [] : [.prometheus]
        let processor = BatchSpanProcessor(exporter: exporter, configuration: configuration.batch)
        let provider = TracerProvider(configuration: configuration, processors: [processor], logExporters: [logs], logger: logger, clock: nil)
        return (provider, exporter, logs)
    }
}
