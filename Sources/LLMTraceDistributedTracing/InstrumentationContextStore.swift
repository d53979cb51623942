@_spi(Integration) import LLMTrace
import Tracing

/// Keeps LLMTrace's current span and baggage in the Tracing API's `InstrumentationContext.current`,
/// so that the two APIs share one current span: whichever API bound the innermost span, both see it.
struct InstrumentationContextStore: CurrentSpanStore {
    func currentSpan() -> LLMTrace.Span?? {
        guard let context = InstrumentationContext.current else { return nil }
        return context.llmtraceSpan
    }

    func withCurrentSpan<R>(_ span: LLMTrace.Span?, _ body: () throws -> R) rethrows -> R {
        try InstrumentationContext.withValue(Self.context(with: span), operation: body)
    }

    func withCurrentSpan<R>(_ span: LLMTrace.Span?, isolation: isolated (any Actor)?, _ body: () async throws -> R) async rethrows -> R {
        try await InstrumentationContext.withValue(Self.context(with: span), isolation: isolation, operation: body)
    }

    func currentBaggage() -> [String: String]? {
        InstrumentationContext.current?[BaggageKey.self]
    }

    func withBaggage<R>(_ baggage: [String: String], _ body: () throws -> R) rethrows -> R {
        var context = InstrumentationContext.current ?? .topLevel
        context[BaggageKey.self] = baggage
        return try InstrumentationContext.withValue(context, operation: body)
    }

    func withBaggage<R>(_ baggage: [String: String], isolation: isolated (any Actor)?, _ body: () async throws -> R) async rethrows -> R {
        var context = InstrumentationContext.current ?? .topLevel
        context[BaggageKey.self] = baggage
        return try await InstrumentationContext.withValue(context, isolation: isolation, operation: body)
    }

    /// The current context (whatever else it carries stays) with `span` as its span.
    private static func context(with span: LLMTrace.Span?) -> InstrumentationContext {
        var context = InstrumentationContext.current ?? .topLevel
        context[LLMTraceSpanKey.self] = .some(span)
        // A span bound now is the parent of what starts inside, not the extracted remote one.
        context[RemoteParentKey.self] = nil
        return context
    }
}
