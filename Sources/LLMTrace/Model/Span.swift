internal import LLMTraceSupport

/// A live span: one timed operation in a trace, such as a retrieval or a model call.
///
/// Get one from `Tracer.startSpan` or `Tracer.withSpan`. A span is safe to use from any thread
/// or task. Every change after `end()` is ignored, and `end()` itself runs once.
///
/// A span that the sampler dropped, or that came from a disabled provider, is *non-recording*:
/// it carries its `SpanContext` (so children and outgoing headers stay in the trace) and
/// ignores everything else at almost no cost.
public final class Span: @unchecked Sendable {
    /// Ids, flags and trace state.
    public let context: SpanContext
    /// The span kind, fixed at start.
    public let kind: SpanKind
    /// The parent span's id; `nil` for a root.
    public let parentSpanID: SpanID?
    /// Start, Unix epoch nanoseconds.
    public let startTimeUnixNano: UInt64
    /// Whether this span records anything. Guard costly attribute computation with it.
    public let isRecording: Bool

    let parentIsRemote: Bool?
    private let pipeline: SpanPipeline?
    private let scope: InstrumentationScope
    // `state` is only touched under `lock` (in `withState`, and in `end()`, which locks by hand),
    // which makes the class Sendable and the runtime exclusivity check redundant. The lock lives
    // inline: no allocation, and a span is almost never contended, so a spin lock's one atomic
    // exchange is all it costs.
    private let lock = SpinLock()
    @exclusivity(unchecked) private var state: State

    struct State {
        var name: String
        var attributes: Attributes
        var droppedAttributes = 0
        var events: [SpanEvent] = []
        var droppedEvents = 0
        var links: [SpanLink]
        var droppedLinks = 0
        var status = SpanStatus.unset
        var ended = false
        /// Whether `end()` gave the ended record a copy of `attributes` rather than sharing them,
        /// so that they are the span's alone and can be given back when it goes.
        var attributesCopiedAtEnd = false

        /// Whether the record may need a `SpanDataExtras`: not for the usual span, which has no
        /// events, links, dropped counts or error (an error with an empty description needs
        /// none either; `makeExtras()` then gives `nil`).
        @inline(__always)
        var hasExtras: Bool {
            !events.isEmpty || !links.isEmpty || droppedAttributes != 0 || droppedEvents != 0 || droppedLinks != 0 || status.isError
        }

        /// The record's `SpanDataExtras`, or `nil` when all its parts are empty.
        func makeExtras() -> SpanDataExtras? {
            SpanDataExtras.holding(SpanDataExtras.Contents(
                events: events, droppedEvents: droppedEvents, links: links, droppedLinks: droppedLinks,
                droppedAttributes: droppedAttributes, errorDescription: status.errorDescription
            ))
        }
    }

    init(
        name: String,
        context: SpanContext,
        kind: SpanKind,
        parent: SpanContext?,
        startTimeUnixNano: UInt64,
        attributes: Attributes,
        droppedAttributes: Int,
        links: [SpanLink],
        droppedLinks: Int,
        pipeline: SpanPipeline?,
        scope: InstrumentationScope
    ) {
        self.context = context
        self.kind = kind
        self.parentSpanID = parent?.spanID
        self.parentIsRemote = parent?.isRemote
        self.startTimeUnixNano = startTimeUnixNano
        self.isRecording = pipeline != nil
        self.pipeline = pipeline
        self.scope = scope
        var state = State(name: name, attributes: attributes, links: links)
        state.droppedAttributes = droppedAttributes
        state.droppedLinks = droppedLinks
        self.state = state
    }

    @inline(__always)
    private func withState<R>(_ body: (inout State) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }

    /// A non-recording span that stands for `context`, for example a parent extracted from
    /// incoming headers. Starting a span under it continues that trace.
    public convenience init(nonRecording context: SpanContext) {
        self.init(
            name: "", context: context, kind: .internal, parent: nil, startTimeUnixNano: 0,
            attributes: Attributes(), droppedAttributes: 0, links: [], droppedLinks: 0,
            pipeline: nil, scope: .unnamed
        )
    }

    /// The span name.
    public var name: String { withState { $0.name } }

    /// Whether `end()` has been called.
    public var isEnded: Bool { withState { $0.ended } }

    /// The current status.
    public var status: SpanStatus { withState { $0.status } }

    /// A copy of the attributes set so far.
    public var attributes: Attributes { withState { $0.attributes } }

    /// Renames the span (samplers have already seen the first name).
    public func updateName(_ name: String) {
        guard isRecording else { return }
        withState { state in
            guard !state.ended else { return }
            state.name = name
        }
    }

    /// Sets an attribute; the same key again overwrites it.
    ///
    /// Past the count limit a new key is dropped and counted; strings are cut to the length limit.
    public func setAttribute(_ key: String, _ value: consuming AttributeValue) {
        // The limits alone, not the pipeline, are bound: a binding of the pipeline would hold a
        // reference to it (a retain and a release) until the end of the call.
        guard let limits = pipeline?.limits else { return }
        // Moved, not copied, into the list: the typed overloads' value (`.string(text)`) is a
        // temporary, and a copy would retain and release its string once more.
        var pending: AttributeValue?
        if let lengthLimit = limits.attributeValueLengthLimit {
            pending = value.truncated(toCharacters: lengthLimit).value
        } else {
            pending = consume value
        }
        withState { state in
            guard !state.ended, let value = pending.take() else { return }
            if !state.attributes.set(key, consume value, countLimit: limits.attributeCountLimit) {
                state.droppedAttributes += 1
            }
        }
    }

    /// Sets a string attribute.
    public func setAttribute(_ key: String, _ value: String) { setAttribute(key, .string(value)) }
    /// Sets an integer attribute.
    public func setAttribute(_ key: String, _ value: Int) { setAttribute(key, .int(value)) }
    /// Sets a floating-point attribute.
    public func setAttribute(_ key: String, _ value: Double) { setAttribute(key, .double(value)) }
    /// Sets a boolean attribute.
    public func setAttribute(_ key: String, _ value: Bool) { setAttribute(key, .bool(value)) }
    /// Sets a string-array attribute.
    public func setAttribute(_ key: String, _ value: [String]) { setAttribute(key, .stringArray(value)) }
    /// Sets an integer-array attribute.
    public func setAttribute(_ key: String, _ value: [Int]) { setAttribute(key, .intArray(value)) }
    /// Sets a floating-point-array attribute.
    public func setAttribute(_ key: String, _ value: [Double]) { setAttribute(key, .doubleArray(value)) }
    /// Sets a boolean-array attribute.
    public func setAttribute(_ key: String, _ value: [Bool]) { setAttribute(key, .boolArray(value)) }

    /// Sets several attributes at once, under one lock.
    public func setAttributes(_ attributes: Attributes) {
        guard let limits = pipeline?.limits else { return }
        withState { state in
            guard !state.ended else { return }
            for attribute in attributes {
                let value = attribute.value.truncated(toCharacters: limits.attributeValueLengthLimit).value
                if !state.attributes.set(attribute.key, value, countLimit: limits.attributeCountLimit) {
                    state.droppedAttributes += 1
                }
            }
        }
    }

    /// Records an event at `time` (default: now).
    public func addEvent(_ name: String, attributes: Attributes = Attributes(), time: UInt64? = nil) {
        guard let limits = pipeline?.limits else { return }
        let timestamp = time ?? WallClock.nowUnixNano()
        let (limited, dropped) = limits.limit(attributes, countLimit: limits.attributePerEventCountLimit)
        withState { state in
            guard !state.ended else { return }
            guard state.events.count < limits.eventCountLimit else {
                state.droppedEvents += 1
                return
            }
            state.events.append(SpanEvent(name: name, timeUnixNano: timestamp, attributes: limited, droppedAttributesCount: dropped))
        }
    }

    /// Adds a link after start. Samplers see only links given at start.
    public func addLink(_ context: SpanContext, attributes: Attributes = Attributes()) {
        guard let limits = pipeline?.limits, context.isValid else { return }
        let (limited, dropped) = limits.limit(attributes, countLimit: limits.attributePerLinkCountLimit)
        withState { state in
            guard !state.ended else { return }
            guard state.links.count < limits.linkCountLimit else {
                state.droppedLinks += 1
                return
            }
            state.links.append(SpanLink(context: context, attributes: limited, droppedAttributesCount: dropped))
        }
    }

    /// Sets the status: `ok` is final, `unset` is ignored, `error` replaces `unset` or an earlier
    /// error.
    public func setStatus(_ status: SpanStatus) {
        guard isRecording else { return }
        withState { state in
            guard !state.ended else { return }
            switch (state.status, status) {
            case (.ok, _), (_, .unset): return
            default: state.status = status
            }
        }
    }

    /// Records a failure that ends this operation: an `exception` event with `exception.type`
    /// and `exception.message`, status error with the message, and `error.type`.
    ///
    /// - Parameters:
    ///   - error: The error that escaped the operation.
    ///   - errorType: A low-cardinality class for `error.type` (for example `rate_limit` or `timeout`);
    ///     defaults to the error's own `ErrorTypeProviding.errorType`, else its type name.
    ///   - attributes: More event attributes; they win over the ones above.
    ///   - time: When it happened, Unix nanoseconds; default now.
    public func recordError(_ error: any Error, errorType: String? = nil, attributes: Attributes = Attributes(), time: UInt64? = nil) {
        guard isRecording else { return }
        let typeName = String(reflecting: type(of: error))
        let message = String(describing: error)
        let classified = errorType ?? (error as? any ErrorTypeProviding)?.errorType ?? typeName
        recordError(type: typeName, message: message, errorType: classified, attributes: attributes, time: time)
    }

    /// Records a failure described by strings, for errors that are not Swift `Error` values
    /// (an HTTP status from a provider, a refusal).
    public func recordError(type: String, message: String, errorType: String? = nil, attributes: Attributes = Attributes(), time: UInt64? = nil) {
        guard isRecording else { return }
        var eventAttributes: Attributes = [OTelAttributes.exceptionType: .string(type), OTelAttributes.exceptionMessage: .string(message)]
        for attribute in attributes { eventAttributes[attribute.key] = attribute.value }
        addEvent(OTelAttributes.exceptionEvent, attributes: eventAttributes, time: time)
        setAttribute(OTelAttributes.errorType, .string(errorType ?? type))
        setStatus(.error(description: message))
    }

    /// Ends the span at `time` (default: now) and hands it to the processors. Only the first call
    /// counts.
    public func end(time: UInt64? = nil) {
        guard let pipeline else { return }
        let endTime = time ?? WallClock.nowUnixNano()
        // Locked by hand rather than through `withState`: returning the record from a closure
        // as an optional cost a copy and a destruction of all its fields.
        lock.lock()
        guard !state.ended else {
            lock.unlock()
            return
        }
        state.ended = true
        let copyAttributes = pipeline.attributesAddedToLocalRoots > 0 && SpanData.isLocalRoot(parentSpanID: parentSpanID, parentIsRemote: parentIsRemote)
        // A record that joins a long backlog gets its attributes at their own size: the room to
        // grow a span's list has (8, 16 or 32 attributes) would wait in memory with it. The span
        // shares that list with its record, and its list's storage goes back to the pool.
        let vacated = !copyAttributes && state.attributes.hasSpareCapacity && pipeline.holdsLongBacklog
            ? state.attributes.moveToExactStorage() : nil
        let extras = state.hasExtras ? state.makeExtras() : nil
        // Copy-on-write: the arrays are shared with the record, not copied; the span changes
        // nothing after this point.
        var data = SpanData(
            context: context,
            parentSpanID: parentSpanID,
            parentIsRemote: parentIsRemote,
            name: state.name,
            kind: kind,
            startTimeUnixNano: startTimeUnixNano,
            endTimeUnixNano: endTime,
            attributes: state.attributes,
            statusCode: UInt8(state.status.code),
            extras: extras,
            resource: pipeline.resource,
            scope: scope
        )
        state.attributesCopiedAtEnd = copyAttributes
        lock.unlock()
        if let vacated { AttributeStoragePool.shared.give(storage: vacated) }
        if copyAttributes {
            // The chain adds to a local root (its sampling mark, the trace totals), which would
            // copy the list it shares with this span: copied here instead (the span's own list
            // no longer changes), and this span's own list goes back to the pool when it does
            // (`deinit`). The copy goes into storage an export gave back; behind a long backlog,
            // where that storage (room for 8 to 32) would wait with the record, into storage
            // with room for what the chain adds and no more.
            if pipeline.holdsLongBacklog {
                data.attributes.moveToOwnStorage(room: pipeline.attributesAddedToLocalRoots, pooled: false)
            } else {
                // Room for one only: a pooled list (room for 8 or more) holds what the chain adds
                // to the usual root anyway, and asking for all of it would replace a pooled list
                // of 8 for a root with five attributes; if one does fill up, it grows in place.
                data.attributes.moveToOwnStorage(room: 1, pooled: true)
            }
        }
        pipeline.spanEnded(consume data)
    }

    deinit {
        if state.attributesCopiedAtEnd { AttributeStoragePool.shared.give(&state.attributes) }
    }
}
