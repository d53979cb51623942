internal import LLMTraceSupport

/// Settings of the batch span processor.
///
/// See the OpenTelemetry SDK specification, "Batching processor".
public struct BatchConfiguration: Sendable, Equatable {
    /// Spans held before new ones are dropped.
    /// - Environment: `OTEL_BSP_MAX_QUEUE_SIZE`. Default: 2048.
    public var maxQueueSize = 2048
    /// Most spans per export.
    /// - Environment: `OTEL_BSP_MAX_EXPORT_BATCH_SIZE`. Default: 512 (at most `maxQueueSize`).
    public var maxExportBatchSize = 512
    /// Longest wait before a partial batch is exported.
    /// - Environment: `OTEL_BSP_SCHEDULE_DELAY` (ms). Default: 5 s.
    public var scheduleDelay: Duration = .milliseconds(5000)
    /// Longest time one export may take, retries included.
    /// - Environment: `OTEL_BSP_EXPORT_TIMEOUT` (ms; 0 = no limit). Default: 30 s.
    public var exportTimeout: Duration = .milliseconds(30000)

    /// The defaults above.
    public init() {}
}
