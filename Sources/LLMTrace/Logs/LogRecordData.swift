/// One log record as it is exported: what was logged, when, how severe, and in which span.
public struct LogRecordData: Sendable {
    /// When the event happened (Unix nanoseconds).
    public var timeUnixNano: UInt64
    /// When LLMTrace saw it; the same as `timeUnixNano` for swift-log lines.
    public var observedTimeUnixNano: UInt64
    public var severity: LogSeverity
    /// The level as the source named it (`warning`, `notice`).
    public var severityText: String
    /// The message; `nil` for an event that is all attributes.
    public var body: String?
    /// Metadata, source location (`code.*`) and event fields.
    public var attributes: Attributes
    /// Attributes discarded by `OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT`.
    public var droppedAttributesCount: Int
    /// The span current when it was logged; `nil` outside a span.
    public var spanContext: SpanContext?
    /// The event name (`gen_ai.evaluation.result`); `nil` for a plain log line.
    public var eventName: String?
    public var resource: Resource
    /// The logger: its label as scope name.
    public var scope: InstrumentationScope

    public init(
        timeUnixNano: UInt64, observedTimeUnixNano: UInt64, severity: LogSeverity, severityText: String,
        body: String?, attributes: Attributes, droppedAttributesCount: Int = 0, spanContext: SpanContext?,
        eventName: String? = nil, resource: Resource, scope: InstrumentationScope
    ) {
        self.timeUnixNano = timeUnixNano
        self.observedTimeUnixNano = observedTimeUnixNano
        self.severity = severity
        self.severityText = severityText
        self.body = body
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
        self.spanContext = spanContext
        self.eventName = eventName
        self.resource = resource
        self.scope = scope
    }

    /// The OTLP `flags` field: the W3C trace flags of `spanContext` (0 outside a span).
    var otlpFlags: UInt32 {
        guard let spanContext else { return 0 }
        return UInt32(spanContext.traceFlags.intersection(.known).rawValue)
    }
}
