/// The immutable record of an ended span: what processors and exporters receive.
public struct SpanData: Sendable {
    // The stored fields are ordered so that the one-byte ones fill the context's padding. Events,
    // links, dropped counts and an error's description are behind `extras` (see
    // `SpanDataExtras`); the public properties for them below read and replace it, so a change
    // of several is cheaper made on a copy and assigned once. The optionals are spelled
    // `Optional<T>`: a `T?` stored property gets an implicit `nil` default, and with one the
    // initializer built the whole record twice (about 600 instructions more a span).

    /// Ids, flags and trace state of the span.
    public var context: SpanContext
    /// The span kind.
    public var kind: SpanKind
    /// Whether the parent came from another process; `nil` for a root span.
    public var parentIsRemote: Optional<Bool>
    /// The OTLP status code (`SpanStatus.code`); an error's description is in `extras`.
    private var statusCode: UInt8
    /// The parent's span id; `nil` for a root span.
    public var parentSpanID: Optional<SpanID>
    /// The span name.
    public var name: String
    /// Start, Unix epoch nanoseconds.
    public var startTimeUnixNano: UInt64
    /// End, Unix epoch nanoseconds; never before the start.
    public var endTimeUnixNano: UInt64
    /// The attributes set on the span.
    public var attributes: Attributes
    /// `nil` for a span with no events, links, dropped counts or error description: exporters
    /// skip those parts at once.
    private(set) var extras: Optional<SpanDataExtras>
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
        self.init(
            context: context, parentSpanID: parentSpanID, parentIsRemote: parentIsRemote, name: name, kind: kind,
            startTimeUnixNano: startTimeUnixNano, endTimeUnixNano: endTimeUnixNano, attributes: attributes,
            statusCode: UInt8(status.code),
            extras: SpanDataExtras.holding(SpanDataExtras.Contents(
                events: events, droppedEvents: droppedEventsCount, links: links, droppedLinks: droppedLinksCount,
                droppedAttributes: droppedAttributesCount, errorDescription: status.errorDescription
            )),
            resource: resource, scope: scope
        )
    }

    /// The initializer every record goes through (`Span.end()` calls it directly); the public
    /// one builds `extras` from its arguments. `statusCode` is `SpanStatus.code`, and an error's
    /// description is in `extras`.
    init(
        context: SpanContext,
        parentSpanID: SpanID?,
        parentIsRemote: Bool?,
        name: String,
        kind: SpanKind,
        startTimeUnixNano: UInt64,
        endTimeUnixNano: UInt64,
        attributes: Attributes,
        statusCode: UInt8,
        extras: SpanDataExtras?,
        resource: Resource,
        scope: InstrumentationScope
    ) {
        self.context = context
        self.kind = kind
        self.parentIsRemote = parentIsRemote
        self.parentSpanID = parentSpanID
        self.name = name
        self.startTimeUnixNano = startTimeUnixNano
        self.endTimeUnixNano = max(endTimeUnixNano, startTimeUnixNano)
        self.attributes = attributes
        self.statusCode = statusCode
        self.extras = extras
        self.resource = resource
        self.scope = scope
    }

    /// Attributes discarded by the count limit.
    public var droppedAttributesCount: Int {
        get { extras?.contents.droppedAttributes ?? 0 }
        set { replaceExtras { $0.droppedAttributes = newValue } }
    }

    /// The events recorded on the span.
    public var events: [SpanEvent] {
        get { extras?.contents.events ?? [] }
        set { replaceExtras { $0.events = newValue } }
    }

    /// Events discarded by the count limit.
    public var droppedEventsCount: Int {
        get { extras?.contents.droppedEvents ?? 0 }
        set { replaceExtras { $0.droppedEvents = newValue } }
    }

    /// The links of the span.
    public var links: [SpanLink] {
        get { extras?.contents.links ?? [] }
        set { replaceExtras { $0.links = newValue } }
    }

    /// Links discarded by the count limit.
    public var droppedLinksCount: Int {
        get { extras?.contents.droppedLinks ?? 0 }
        set { replaceExtras { $0.droppedLinks = newValue } }
    }

    /// The outcome.
    public var status: SpanStatus {
        get {
            switch statusCode {
            case 0: .unset
            case 1: .ok
            default: .error(description: extras?.contents.errorDescription ?? "")
            }
        }
        set {
            statusCode = UInt8(newValue.code)
            let description = newValue.errorDescription
            if description != (extras?.contents.errorDescription ?? "") { replaceExtras { $0.errorDescription = description } }
        }
    }

    /// Replaces `extras` with its contents changed by `change`: the reference is shared by every
    /// copy of the record, so it is never changed in place.
    private mutating func replaceExtras(_ change: (inout SpanDataExtras.Contents) -> Void) {
        var contents = extras?.contents ?? SpanDataExtras.Contents()
        change(&contents)
        extras = SpanDataExtras.holding(contents)
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
