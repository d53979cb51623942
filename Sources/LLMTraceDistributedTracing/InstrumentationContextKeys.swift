import LLMTrace
import Tracing

/// The LLMTrace span an `InstrumentationContext` carries: the current span of both APIs. A held
/// `nil` says "no span here" (a fresh start), unlike an absent key.
enum LLMTraceSpanKey: InstrumentationContextKey {
    typealias Value = LLMTrace.Span?
    static var nameOverride: String? { "llmtrace.span" }
}

/// A remote parent an `Instrument.extract` found in incoming headers, before any span started
/// under it.
enum RemoteParentKey: InstrumentationContextKey {
    typealias Value = SpanContext
    static var nameOverride: String? { "llmtrace.remote-parent" }
}

/// The W3C baggage an `InstrumentationContext` carries, shared by both APIs.
enum BaggageKey: InstrumentationContextKey {
    typealias Value = [String: String]
    static var nameOverride: String? { "llmtrace.baggage" }
}

extension InstrumentationContext {
    /// The LLMTrace span this context carries, or a non-recording one standing for its remote
    /// parent; `nil` when it carries neither.
    var llmtraceSpan: LLMTrace.Span?? {
        if let held = self[LLMTraceSpanKey.self] { return held }
        return self[RemoteParentKey.self].map { LLMTrace.Span(nonRecording: $0) }
    }

    /// The span context to propagate or link to: the carried span's, else the remote parent's.
    var llmtraceSpanContext: SpanContext? {
        if let held = self[LLMTraceSpanKey.self] { return held.flatMap { $0.context.isValid ? $0.context : nil } }
        return self[RemoteParentKey.self]
    }
}
