/// Something that happened at one moment during a span, such as an exception or a streamed chunk.
public struct SpanEvent: Sendable, Hashable {
    /// The event name, for example `exception`.
    public var name: String
    /// When it happened, Unix epoch nanoseconds.
    public var timeUnixNano: UInt64
    /// Its attributes.
    public var attributes: Attributes
    /// Attributes discarded by the per-event count limit.
    public var droppedAttributesCount: Int

    /// Creates an event.
    public init(name: String, timeUnixNano: UInt64, attributes: Attributes = Attributes(), droppedAttributesCount: Int = 0) {
        self.name = name
        self.timeUnixNano = timeUnixNano
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }
}

/// A reference from a span to another span, in this trace or another one (a batch job that
/// serves several requests, a retry of an earlier attempt).
public struct SpanLink: Sendable, Hashable {
    /// The linked span.
    public var context: SpanContext
    /// Why it is linked.
    public var attributes: Attributes
    /// Attributes discarded by the per-link count limit.
    public var droppedAttributesCount: Int

    /// Creates a link.
    public init(context: SpanContext, attributes: Attributes = Attributes(), droppedAttributesCount: Int = 0) {
        self.context = context
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }
}

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

    /// Duration in nanoseconds.
    public var durationNanos: UInt64 { endTimeUnixNano - startTimeUnixNano }
}

/// The entity that produces telemetry: a service, with its name, version and where it runs.
///
/// One per provider; every span of the provider shares it (a reference, so exporters group spans
/// by identity without comparing attributes).
public final class Resource: Sendable {
    /// The resource attributes, `service.name` first.
    public let attributes: Attributes

    /// Creates a resource from attributes.
    public init(attributes: Attributes) { self.attributes = attributes }

    /// A resource with no attributes.
    public static let empty = Resource(attributes: Attributes())

    /// `service.name`, if set.
    public var serviceName: String? {
        if case .string(let name)? = attributes["service.name"] { return name }
        return nil
    }
}

/// The library or module that made a span: the tracer's name and version.
public final class InstrumentationScope: Sendable {
    /// The scope name, for example `rag-demo` or `com.example.retrieval`.
    public let name: String
    /// The scope version, if known.
    public let version: String?

    /// Creates a scope.
    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }

    /// A scope with an empty name, for hand-made span data.
    public static let unnamed = InstrumentationScope(name: "")
}

/// Limits that keep one span from growing without bound.
///
/// See the OpenTelemetry SDK specification, "Span Limits". Anything past a count limit is
/// discarded and counted in the span's dropped counts, which are exported.
public struct SpanLimits: Sendable, Equatable {
    /// Most attributes per span.
    /// - Environment: `OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT`, else `OTEL_ATTRIBUTE_COUNT_LIMIT`. Default: 128.
    public var attributeCountLimit = 128
    /// Most characters per string attribute value (each string of an array too); `nil` = none.
    /// - Environment: `OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT`, else `OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT`.
    public var attributeValueLengthLimit: Int? = nil
    /// Most events per span. - Environment: `OTEL_SPAN_EVENT_COUNT_LIMIT`. Default: 128.
    public var eventCountLimit = 128
    /// Most links per span. - Environment: `OTEL_SPAN_LINK_COUNT_LIMIT`. Default: 128.
    public var linkCountLimit = 128
    /// Most attributes per event. - Environment: `OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT`. Default: 128.
    public var attributePerEventCountLimit = 128
    /// Most attributes per link. - Environment: `OTEL_LINK_ATTRIBUTE_COUNT_LIMIT`. Default: 128.
    public var attributePerLinkCountLimit = 128

    /// The defaults above.
    public init() {}

    /// Applies the count and length limits to a set of attributes given all at once.
    func limit(_ attributes: Attributes, countLimit: Int) -> (Attributes, dropped: Int) {
        if attributes.count <= countLimit && attributeValueLengthLimit == nil { return (attributes, 0) }
        var result = Attributes()
        var dropped = 0
        for attribute in attributes {
            let value = attribute.value.truncated(toCharacters: attributeValueLengthLimit).value
            if !result.set(attribute.key, value, countLimit: countLimit) { dropped += 1 }
        }
        return (result, dropped)
    }
}
