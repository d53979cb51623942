/// Settings of the log records LLMTrace exports: swift-log lines through
/// `TracerProvider.logHandler(label:)`, and GenAI events.
public struct LogsConfiguration: Sendable, Equatable {
    /// Where log records go: `otlp` (OTLP/HTTP to `otlp.endpoint`), `console` (standard error).
    /// Empty drops them.
    /// - Environment: `OTEL_LOGS_EXPORTER` (`otlp`, `console`, `none`, or a comma list). Default: otlp.
    public var exporters: [ExporterKind] = [.otlp]
    /// Queue and batch settings of the batch log record processor.
    /// - Environment: `OTEL_BLRP_MAX_QUEUE_SIZE` (2048), `OTEL_BLRP_MAX_EXPORT_BATCH_SIZE` (512),
    ///   `OTEL_BLRP_SCHEDULE_DELAY` (ms; 1000), `OTEL_BLRP_EXPORT_TIMEOUT` (ms; 30000).
    public var batch: BatchConfiguration = {
        var batch = BatchConfiguration()
        batch.scheduleDelay = .milliseconds(1000)
        return batch
    }()
    /// OTLP settings for logs: the same rules as for traces, with the `..._LOGS_...` variables
    /// and the `/v1/logs` path.
    public var otlp: OTLPExporterConfiguration = {
        var otlp = OTLPExporterConfiguration()
        otlp.endpoint = "http://localhost:4318/v1/logs"
        return otlp
    }()
    /// Most attributes per record; the rest are dropped and counted.
    /// - Environment: `OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT`, else `OTEL_ATTRIBUTE_COUNT_LIMIT`. Default: 128.
    public var attributeCountLimit = 128
    /// Longest string attribute value or body, in characters; `nil` for no limit.
    /// - Environment: `OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT`, else `OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT`. Default: none.
    public var attributeValueLengthLimit: Int?

    /// The defaults above.
    public init() {}

    /// Whether log records are exported at all.
    public var isEnabled: Bool { !exporters.isEmpty }
}
