import Dispatch

/// The span that is current where code runs, so new spans find their parent without being told.
///
/// One task-local value serves async code (it flows into child tasks and `async let`) and
/// synchronous code (outside any task, Swift binds task-locals to the thread). Dispatch queues and
/// `Thread`s start with nothing bound: carry the context across with `bind(_:)` or
/// `DispatchQueue.asyncWithTraceContext(execute:)`.
public enum TraceContext {
    @TaskLocal static var span: Span?
    @TaskLocal static var baggageEntries: [String: String] = [:]

    /// The current span, if any.
    public static var currentSpan: Span? {
        // A span bound before the store was installed stays in the task-local value; anything
        // the store holds was bound later, inside it, so it is the inner one.
        if let store = CurrentSpanStoreSlot.installed, let held = store.currentSpan() { return held }
        return span
    }

    /// The current span's context, if there is a current span with a valid one.
    public static var current: SpanContext? {
        guard let context = currentSpan?.context, context.isValid else { return nil }
        return context
    }

    /// Runs `body` with `span` as the current span (or none, to start fresh traces inside).
    public static func withSpan<R>(_ span: Span?, _ body: () throws -> R) rethrows -> R {
        if let store = CurrentSpanStoreSlot.installed { return try store.withCurrentSpan(span, body) }
        return try $span.withValue(span, operation: body)
    }

    /// Runs async `body` with `span` as the current span.
    public static func withSpan<R>(
        _ span: Span?,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> R
    ) async rethrows -> R {
        if let store = CurrentSpanStoreSlot.installed { return try await store.withCurrentSpan(span, isolation: isolation, body) }
        return try await $span.withValue(span, operation: body, isolation: isolation)
    }

    /// The W3C baggage of the current context: application entries (`session.id`,
    /// `enduser.id`, ...) that travel with the request to the services it calls, in the
    /// `baggage` header `Tracer.inject` writes. Empty unless set with `withBaggage` or taken from
    /// an incoming request (`Tracer.extractBaggage`).
    public static var baggage: [String: String] {
        if let store = CurrentSpanStoreSlot.installed, let stored = store.currentBaggage() { return stored }
        return baggageEntries
    }

    /// Runs `body` with `baggage` as the current baggage (it replaces what was current; merge
    /// with `TraceContext.baggage` to add entries).
    public static func withBaggage<R>(_ baggage: [String: String], _ body: () throws -> R) rethrows -> R {
        if let store = CurrentSpanStoreSlot.installed { return try store.withBaggage(baggage, body) }
        return try $baggageEntries.withValue(baggage, operation: body)
    }

    /// Async form of `withBaggage(_:_:)`: the baggage is current in `body` and the tasks it starts.
    public static func withBaggage<R>(
        _ baggage: [String: String],
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> R
    ) async rethrows -> R {
        if let store = CurrentSpanStoreSlot.installed { return try await store.withBaggage(baggage, isolation: isolation, body) }
        return try await $baggageEntries.withValue(baggage, operation: body, isolation: isolation)
    }

    /// Makes `store` hold the current span from now on, for this process: how the
    /// swift-distributed-tracing backend gives both APIs one current span (its store is the
    /// Tracing API's `InstrumentationContext`). The first store installed stays; what was made
    /// current before it was installed stays current where it was bound.
    @_spi(Integration)
    public static func install(_ store: any CurrentSpanStore) {
        CurrentSpanStoreSlot.install(store)
    }

    /// Runs `body` as if inside the remote span `context`, typically one extracted from incoming
    /// headers: spans started inside continue that trace as its children.
    public static func withRemoteParent<R>(_ context: SpanContext?, _ body: () throws -> R) rethrows -> R {
        try withSpan(context.map { Span(nonRecording: $0) }, body)
    }

    /// Async form of `withRemoteParent(_:_:)`.
    public static func withRemoteParent<R>(
        _ context: SpanContext?,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> R
    ) async rethrows -> R {
        try await withSpan(context.map { Span(nonRecording: $0) }, isolation: isolation, body)
    }

    /// Wraps `body` so that it runs with the span that is current *now*, wherever it runs later:
    /// on a Dispatch queue, a `Thread`, or a callback of a C library.
    public static func bind(_ body: @escaping @Sendable () -> Void) -> @Sendable () -> Void {
        let captured = currentSpan
        let capturedBaggage = baggage
        if capturedBaggage.isEmpty { return { withSpan(captured, body) } }
        return { withSpan(captured) { withBaggage(capturedBaggage, body) } }
    }
}

extension DispatchQueue {
    /// Submits `work` like `async(execute:)`, with the caller's current span carried into it, so
    /// spans started inside are children of the caller's span.
    public func asyncWithTraceContext(
        group: DispatchGroup? = nil,
        qos: DispatchQoS = .unspecified,
        flags: DispatchWorkItemFlags = [],
        execute work: @escaping @Sendable () -> Void
    ) {
        async(group: group, qos: qos, flags: flags, execute: TraceContext.bind(work))
    }
}
