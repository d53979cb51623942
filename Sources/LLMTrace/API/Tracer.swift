import Synchronization
internal import LLMTraceSupport

/// Starts spans for one instrumentation scope (a library or a part of the app).
///
/// Get one from `TracerProvider.tracer(_:version:)`. A tracer is a small value: keep it or ask
/// for it again, both are cheap.
public struct Tracer: Sendable {
    /// The scope written on every span of this tracer.
    public let scope: InstrumentationScope
    /// Injects and extracts cross-process context for this tracer's provider.
    let propagator: any TextMapPropagator
    /// Whether `baggage` is among `OTEL_PROPAGATORS` (it is by default).
    let propagatesBaggage: Bool
    let pipeline: SpanPipeline?
    let logs: LogPipelineSource?

    /// The limits spans of this tracer are held to (the defaults for a disabled provider), for
    /// instrumentation that must fit its values within them.
    public var spanLimits: SpanLimits { pipeline?.limits ?? SpanLimits() }

    init(scope: InstrumentationScope, propagator: any TextMapPropagator, propagatesBaggage: Bool, pipeline: SpanPipeline?, logs: LogPipelineSource? = nil) {
        self.scope = scope
        self.propagator = propagator
        self.propagatesBaggage = propagatesBaggage
        self.pipeline = pipeline
        self.logs = logs
    }

    /// Records the time between two chunks of a streamed model response on
    /// `gen_ai.client.operation.time_per_output_chunk` (for LLMTraceGenAI's stream wrapper: a
    /// span holds one value per attribute, this histogram one per chunk).
    package func recordTimePerOutputChunk(_ seconds: Double, operation: String, provider: String, model: String) {
        pipeline?.metrics?.recordTimePerOutputChunk(seconds, operation: operation, provider: provider, model: model)
    }

    /// Emits an event: a log record with `name` as its event name, under this tracer's scope,
    /// parented to `context` (the current span by default), exported with the provider's log
    /// settings. The GenAI conventions define some (`gen_ai.evaluation.result`).
    public func emitEvent(
        _ name: String, attributes: Attributes = Attributes(), body: String? = nil,
        severity: LogSeverity = .info, context: SpanContext? = TraceContext.current
    ) {
        guard let pipeline = logs?.pipeline else { return }
        let now = WallClock.nowUnixNano()
        pipeline.emit(LogRecordData(
            timeUnixNano: now, observedTimeUnixNano: now, severity: severity, severityText: "\(severity)".uppercased(),
            body: body, attributes: attributes, spanContext: context, eventName: name,
            resource: pipeline.resource, scope: scope
        ))
    }

    /// Starts a span. End it with `Span.end()`; prefer `withSpan` where the work is one block.
    ///
    /// - Parameters:
    ///   - name: A low-cardinality name (`retrieval`, `chat gpt-4o-mini`), never user text.
    ///   - kind: The span kind.
    ///   - parent: The parent; by default the current span, so nesting follows the code.
    ///   - attributes: Attributes known at start; samplers see these. Entries of the current
    ///     baggage named in `TracingConfiguration.baggageSpanAttributes` are added (the ones
    ///     given here win).
    ///   - links: Links known at start; samplers see these.
    ///   - startTime: Unix nanoseconds; default now.
    /// - Returns: A recording span, or a non-recording one if the sampler dropped it or
    ///   the provider is disabled or shut down.
    public func startSpan(
        _ name: String,
        kind: SpanKind = .internal,
        parent: SpanParent = .current,
        attributes: Attributes = Attributes(),
        links: [SpanLink] = [],
        startTime: UInt64? = nil
    ) -> Span {
        start(name, kind: kind, parent: parent, attributes: attributes, links: links, startTime: startTime, baggage: nil)
    }

    /// `startSpan` with the baggage whose allow-listed entries become attributes given
    /// explicitly, for a context system that carries its own (the Tracing API's backend).
    @_spi(Integration)
    public func startSpan(
        _ name: String,
        kind: SpanKind,
        parent: SpanParent,
        startTime: UInt64?,
        baggage: [String: String]
    ) -> Span {
        start(name, kind: kind, parent: parent, attributes: Attributes(), links: [], startTime: startTime, baggage: baggage)
    }

    /// - Parameter baggage: `nil` reads the current baggage, when it is needed at all.
    private func start(
        _ name: String,
        kind: SpanKind,
        parent: SpanParent,
        attributes: Attributes,
        links: [SpanLink],
        startTime: UInt64?,
        baggage: [String: String]?
    ) -> Span {
        let parentContext: SpanContext?
        switch parent {
        case .current: parentContext = TraceContext.current
        case .root: parentContext = nil
        case .span(let span): parentContext = span.context.isValid ? span.context : nil
        case .context(let context): parentContext = context.isValid ? context : nil
        }
        guard let pipeline else { return Span(nonRecording: parentContext ?? .invalid) }
        guard !pipeline.isShutdown.load(ordering: .relaxed) else {
            pipeline.startedAfterShutdown.wrappingAdd(1, ordering: .relaxed)
            return Span(nonRecording: parentContext ?? .invalid)
        }

        var attributes = attributes
        if !pipeline.baggageAttributeKeys.isEmpty {
            pipeline.addBaggageAttributes(from: baggage ?? TraceContext.baggage, to: &attributes)
        }
        let traceID = parentContext?.traceID ?? pipeline.idGenerator.newTraceID()
        let result: SamplingResult
        if let decision = pipeline.parentOnlyDecisions.decision(parent: parentContext) {
            result = SamplingResult(decision, attributes: Attributes(), traceState: nil)
        } else {
            result = pipeline.sampler.shouldSample(SamplingParameters(
                parentContext: parentContext, traceID: traceID, name: name, kind: kind, attributes: attributes, links: links
            ))
        }
        let spanID = pipeline.idGenerator.newSpanID()
        // New trace ids come from a random generator: say so (W3C Level 2); a parent's bit is kept.
        var flags = parentContext.map { $0.traceFlags.intersection(.random) } ?? .random
        if result.decision == .recordAndSample { flags.insert(.sampled) }
        let context = SpanContext(
            traceID: traceID, spanID: spanID, traceFlags: flags,
            traceState: result.traceState ?? parentContext?.traceState ?? TraceState(), isRemote: false
        )
        guard result.decision != .drop else { return Span(nonRecording: context) }

        let startTimeUnixNano = startTime ?? WallClock.nowUnixNano()
        let span: Span
        if attributes.isEmpty && links.isEmpty && result.attributes.isEmpty {
            // Most spans start bare and get their attributes as the work goes: nothing to limit.
            span = Span(
                name: name, context: context, kind: kind, parent: parentContext, startTimeUnixNano: startTimeUnixNano,
                attributes: Attributes(), droppedAttributes: 0, links: [], droppedLinks: 0, pipeline: pipeline, scope: scope
            )
        } else {
            span = limitedSpan(
                name: name, context: context, kind: kind, parent: parentContext, startTimeUnixNano: startTimeUnixNano,
                attributes: attributes, samplerAttributes: result.attributes, links: links, pipeline: pipeline
            )
        }
        if pipeline.isStartRequired { pipeline.head.onStart(span, parentContext: parentContext) }
        return span
    }

    /// A span whose start attributes and links go through the limits first.
    private func limitedSpan(
        name: String, context: SpanContext, kind: SpanKind, parent: SpanContext?, startTimeUnixNano: UInt64,
        attributes: Attributes, samplerAttributes: Attributes, links: [SpanLink], pipeline: SpanPipeline
    ) -> Span {
        let limits = pipeline.limits
        var startAttributes = attributes
        for attribute in samplerAttributes { startAttributes[attribute.key] = attribute.value }
        let (limitedAttributes, droppedAttributes) = limits.limit(startAttributes, countLimit: limits.attributeCountLimit)
        // Links to invalid contexts are ignored before the limit applies, so they never take
        // the place of a valid one.
        let validLinks = links.allSatisfy(\.context.isValid) ? links : links.filter(\.context.isValid)
        var limitedLinks: [SpanLink] = []
        for link in validLinks.prefix(limits.linkCountLimit) {
            let (linkAttributes, dropped) = limits.limit(link.attributes, countLimit: limits.attributePerLinkCountLimit)
            limitedLinks.append(SpanLink(context: link.context, attributes: linkAttributes, droppedAttributesCount: link.droppedAttributesCount + dropped))
        }
        return Span(
            name: name, context: context, kind: kind, parent: parent, startTimeUnixNano: startTimeUnixNano,
            attributes: limitedAttributes, droppedAttributes: droppedAttributes,
            links: limitedLinks, droppedLinks: max(0, validLinks.count - limits.linkCountLimit),
            pipeline: pipeline, scope: scope
        )
    }

    /// Runs `body` inside a new span that is current for the duration, and ends it after.
    ///
    /// An error thrown by `body` is recorded on the span (`recordError`) and rethrown.
    public func withSpan<R>(
        _ name: String,
        kind: SpanKind = .internal,
        parent: SpanParent = .current,
        attributes: Attributes = Attributes(),
        links: [SpanLink] = [],
        _ body: (Span) throws -> R
    ) rethrows -> R {
        let span = startSpan(name, kind: kind, parent: parent, attributes: attributes, links: links)
        defer { span.end() }
        do {
            return try TraceContext.withSpan(span) { try body(span) }
        } catch {
            span.recordError(error)
            throw error
        }
    }

    /// Async form of `withSpan`: the span is current in `body` and in the tasks it starts.
    public func withSpan<R>(
        _ name: String,
        kind: SpanKind = .internal,
        parent: SpanParent = .current,
        attributes: Attributes = Attributes(),
        links: [SpanLink] = [],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (Span) async throws -> R
    ) async rethrows -> R {
        let span = startSpan(name, kind: kind, parent: parent, attributes: attributes, links: links)
        defer { span.end() }
        do {
            return try await TraceContext.withSpan(span, isolation: isolation) { try await body(span) }
        } catch {
            span.recordError(error)
            throw error
        }
    }

    /// Writes the current span's context (or `context`) into outgoing request headers, and the
    /// current baggage (or `baggage`) as a W3C `baggage` header.
    public func inject(into headers: inout [String: String], context: SpanContext? = nil, baggage: [String: String]? = nil) {
        if let context = context ?? TraceContext.current { propagator.inject(context, into: &headers) }
        if propagatesBaggage, let header = W3CBaggage.header(for: baggage ?? TraceContext.baggage) {
            headers[W3CBaggage.field] = header
        }
    }

    /// Reads the W3C baggage of incoming request headers: run the request's work inside
    /// `TraceContext.withBaggage(_:_:)` with it, so it travels on. Empty when there is none, when
    /// the header is invalid, or when `baggage` is not among `OTEL_PROPAGATORS`.
    public func extractBaggage(from headers: [String: String]) -> [String: String] {
        guard propagatesBaggage, let header = headers.first(where: { $0.key.lowercased() == W3CBaggage.field })?.value else { return [:] }
        return W3CBaggage.parse(header)
    }

    /// Reads a remote parent from incoming request headers; `nil` starts a new trace.
    public func extract(from headers: [String: String]) -> SpanContext? {
        propagator.extract(from: headers)
    }
}
