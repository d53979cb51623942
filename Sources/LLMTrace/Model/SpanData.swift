/// The immutable record of an ended span: what processors and exporters receive.
public struct SpanData: Sendable {
    /// Ids, flags and trace state of the span.
    public var context: SpanContext
    /// The parent's span id; `nil` for a root span.
    public var parentSpanID: SpanID?
    /// Whether the parent came from another process; `nil` for a root span.
    public var parentIsRemote: Bool?
    /// The span name.
    public var name: String
    /// The span kind.
    public var kind: SpanKind
    /// Start, Unix epoch nanoseconds.
    public var startTimeUnixNano: UInt64
    /// End, Unix epoch nanoseconds; never before the start.
    public var endTimeUnixNano: UInt64
    /// The attributes set on the span.
    public var attributes: Attributes
    /// Attributes discarded by the count limit.
    public var droppedAttributesCount: Int
    /// The events recorded on the span.
    public var events: [SpanEvent]
    /// Events discarded by the count limit.
    public var droppedEventsCount: Int
    /// The links of the span.
    public var links: [SpanLink]
    /// Links discarded by the count limit.
    public var droppedLinksCount: Int
    /// The outcome.
    public var status: SpanStatus
    /// The resource of the provider that made the span.
    public var resource: Resource
    /// The tracer's instrumentation scope.
    public var scope: InstrumentationScope

    /// Creates span data; exporters and tests use this, applications get it from `Span.end()`.
    public init(
        context: SpanContext,
        parentSpanID: SpanID? = nil,
        parentIsRemote: Bool? = nil,
        name: String,
        kind: SpanKind = .internal,
        startTimeUnixNano: UInt64,
        endTimeUnixNano: UInt64,
        attributes: Attributes = Attributes(),
        droppedAttributesCount: Int = 0,
        events: [SpanEvent] = [],
        droppedEventsCount: Int = 0,
        links: [SpanLink] = [],
        droppedLinksCount: Int = 0,
        status: SpanStatus = .unset,
        resource: Resource = .empty,
        scope: InstrumentationScope = .unnamed
    ) {
        self.context = context
        self.parentSpanID = parentSpanID
        self.parentIsRemote = parentIsRemote
        self.name = name
        self.kind = kind
        self.startTimeUnixNano = startTimeUnixNano
        self.endTimeUnixNano = max(endTimeUnixNano, startTimeUnixNano)
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
        self.events = events
        self.droppedEventsCount = droppedEventsCount
        self.links = links
        self.droppedLinksCount = droppedLinksCount
        self.status = status
        self.resource = resource
        self.scope = scope
    }

    /// The OTLP `flags` field: the W3C trace flags, plus whether the parent is known to be remote.
    public var otlpFlags: UInt32 {
        var flags = UInt32(context.traceFlags.intersection(.known).rawValue) | 0x100
        if parentIsRemote == true { flags |= 0x200 }
        return flags
    }

    /// Whether this span is the first of its trace in this process: no parent, or a remote one.
    var isLocalRoot: Bool { Self.isLocalRoot(parentSpanID: parentSpanID, parentIsRemote: parentIsRemote) }

    /// Whether a span with this parent is the first of its trace in this process.
    static func isLocalRoot(parentSpanID: SpanID?, parentIsRemote: Bool?) -> Bool {
        parentSpanID == nil || parentIsRemote == true
    }

    /// Duration in nanoseconds.
    public var durationNanos: UInt64 { endTimeUnixNano >= startTimeUnixNano ? endTimeUnixNano - startTimeUnixNano : 0 }

    /// Sets an attribute on the ended span, as LLMTrace's own stages do (sampling marks, trace
    /// totals): a span already at the attribute count `limit` counts a new key as dropped, as
    /// `Span.setAttribute` would have.
    mutating func setAttribute(_ key: String, _ value: AttributeValue, limit: Int) {
        if attributes.count >= limit && attributes[key] == nil {
            droppedAttributesCount += 1
        } else {
            attributes[key] = value
        }
    }
}
