/// Receives spans as they start and end, and passes them on (to an exporter, a sampler stage).
///
/// See the OpenTelemetry SDK specification, "Span processor". `onStart` and `onEnd` run on the
/// caller's thread for every recording span: they MUST NOT block and MUST NOT throw.
///
/// A provider's processors form a chain: the LLM metrics first, then the sampling rules, then
/// the exporting processors (yours, if you pass them), each handing spans to the next.
public protocol SpanProcessor: Sendable {
    /// Called when a recording span starts, if `isStartRequired`.
    func onStart(_ span: Span, parentContext: SpanContext?)
    /// Whether `onStart` does anything; `false` spares every span start a call. Default: `true`.
    var isStartRequired: Bool { get }
    /// Called once when a recording span ends.
    func onEnd(_ span: SpanData)
    /// Whether this processor wants spans the sampler did not sample (recorded, not exported),
    /// as metrics and tail sampling do. When one in the chain does, the provider records every
    /// span, and only the `sampled` flag says what exporters receive. Default: `false`.
    var needsUnsampledSpans: Bool { get }
    /// Exports everything ended before the call.
    /// - Returns: whether that finished within `timeout`.
    func forceFlush(timeout: Duration) -> Bool
    /// Flushes, then stops; later calls do nothing.
    /// - Returns: whether that finished within `timeout`.
    func shutdown(timeout: Duration) -> Bool
    /// Delivery counters, for processors that export.
    var statistics: ExportStatistics? { get }
}

extension SpanProcessor {
    public func onStart(_ span: Span, parentContext: SpanContext?) {}
    public var isStartRequired: Bool { true }
    public var needsUnsampledSpans: Bool { false }
    public var statistics: ExportStatistics? { nil }
}
