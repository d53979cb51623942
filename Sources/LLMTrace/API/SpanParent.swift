/// Which span a new span hangs under.
public enum SpanParent: Sendable {
    /// The current span of the task or thread (`TraceContext.currentSpan`), if any.
    case current
    /// None: the span starts a new trace.
    case root
    /// This span.
    case span(Span)
    /// This context, for example one extracted from incoming headers.
    case context(SpanContext)
}
