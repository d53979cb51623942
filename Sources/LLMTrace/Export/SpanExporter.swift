internal import LLMTraceSupport

/// Sends batches of ended spans somewhere: an OTLP receiver, the console, memory.
///
/// See the OpenTelemetry SDK specification, "Span Exporter". A processor calls `export` from
/// one queue at a time, never concurrently, and may block it until the deadline; an exporter
/// MUST return by then. Deadlines are instants of `ContinuousClock`.
public protocol SpanExporter: Sendable {
    /// Sends `batch`, retrying as the exporter sees fit, and returns by `deadline`.
    func export(_ batch: [SpanData], deadline: ContinuousClock.Instant) -> ExportResult
    /// Sends anything the exporter itself buffers, by `deadline`.
    func forceFlush(deadline: ContinuousClock.Instant) -> Bool
    /// Stops: later exports fail at once, and waits in progress end early.
    func shutdown(deadline: ContinuousClock.Instant)
}

extension SpanExporter {
    public func forceFlush(deadline: ContinuousClock.Instant) -> Bool { true }
    public func shutdown(deadline: ContinuousClock.Instant) {}
}
