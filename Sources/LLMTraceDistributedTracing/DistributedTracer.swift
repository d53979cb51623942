@_spi(Integration) import LLMTrace
import Tracing

/// LLMTrace as the backend of swift-distributed-tracing: bootstrap it and every span started
/// through the Tracing API is an LLMTrace span of `provider`.
///
/// ```swift
/// import Foundation
/// import LLMTrace
/// import LLMTraceDistributedTracing
/// import Tracing
///
/// let provider = TracerProvider(environment: ProcessInfo.processInfo.environment)
/// InstrumentationSystem.bootstrap(provider.distributedTracer)
/// ```
///
/// Both APIs share one current span: an LLMTrace span started inside a Tracing-API span is its
/// child, and the other way round, in async code, on Dispatch queues (`asyncWithTraceContext`)
/// and threads (`TraceContext.bind`). `inject` and `extract` speak the provider's
/// propagators (W3C `traceparent`, `tracestate` and `baggage`).
public struct DistributedTracer: Tracing.Tracer {
    /// The provider whose pipeline the spans go through.
    public let provider: TracerProvider
    private let tracer: LLMTrace.Tracer

    init(provider: TracerProvider, scopeName: String) {
        self.provider = provider
        self.tracer = provider.tracer(scopeName)
    }

    /// Starts a span under the span (or remote parent) `context` carries; a context without one
    /// starts a new trace.
    public func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> InstrumentationContext,
        ofKind kind: Tracing.SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> DistributedSpan {
        var spanContext = context()
        let parent: SpanParent
        if let held = spanContext[LLMTraceSpanKey.self] {
            // A context that says "no span" (a fresh start) starts a new trace.
            parent = held.map { .span($0) } ?? .root
        } else if let remote = spanContext[RemoteParentKey.self] {
            parent = .context(remote)
        } else {
            parent = .root
        }
        let span = tracer.startSpan(
            operationName, kind: LLMTrace.SpanKind(kind), parent: parent, startTime: instant().nanosecondsSinceEpoch,
            baggage: spanContext[BaggageKey.self] ?? [:]
        )
        spanContext[LLMTraceSpanKey.self] = span
        spanContext[RemoteParentKey.self] = nil
        return DistributedSpan(span: span, context: spanContext)
    }

    /// The span `context` carries, if it carries one of this backend.
    public func activeSpan(identifiedBy context: InstrumentationContext) -> DistributedSpan? {
        guard let held = context[LLMTraceSpanKey.self], let span = held else { return nil }
        return DistributedSpan(span: span, context: context)
    }

    /// The headers `extract` reads: W3C Trace Context and W3C Baggage.
    static let fields = ["traceparent", "tracestate", "baggage"]

    /// Exports every span ended so far (`TracerProvider.forceFlush`); blocks for up to 30 s
    /// when the receiver is slow.
    public func forceFlush() {
        provider.forceFlush()
    }

    /// Writes the context's span (or remote parent) and its W3C baggage into outgoing headers.
    public func inject<Carrier, Inject: Injector>(_ context: InstrumentationContext, into carrier: inout Carrier, using injector: Inject)
    where Inject.Carrier == Carrier {
        var headers: [String: String] = [:]
        // An invalid context writes no `traceparent`, only the baggage (an empty one, none).
        tracer.inject(into: &headers, context: context.llmtraceSpanContext ?? .invalid, baggage: context[BaggageKey.self] ?? [:])
        for (name, value) in headers { injector.inject(value, forKey: name, into: &carrier) }
    }

    /// Reads a remote parent from incoming headers into `context`; invalid headers are ignored.
    public func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout InstrumentationContext, using extractor: Extract)
    where Extract.Carrier == Carrier {
        var headers: [String: String] = [:]
        for field in Self.fields {
            if let value = extractor.extract(key: field, from: carrier) { headers[field] = value }
        }
        if let remote = tracer.extract(from: headers) {
            // The caller's span is the parent now, whatever span the context held before.
            context[RemoteParentKey.self] = remote
            context[LLMTraceSpanKey.self] = nil
        }
        let baggage = tracer.extractBaggage(from: headers)
        if !baggage.isEmpty { context[BaggageKey.self] = baggage }
    }
}
