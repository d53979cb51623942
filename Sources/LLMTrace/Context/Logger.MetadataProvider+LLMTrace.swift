import Logging

extension Logger.MetadataProvider {
    /// Adds the current span's ids to every log line: `trace_id` and `span_id` as lowercase hex,
    /// `trace_flags` as the W3C flags byte in decimal (bit 0, the value 1, set when sampled; bit 1
    /// when the trace id is random, as LLMTrace's are: `3`), the names and forms swift-otel uses,
    /// so log queries and dashboards work with either.
    ///
    /// Log lines written outside any span, or under a span with an invalid context, get nothing.
    /// The current span is `TraceContext.current`: it follows async code, and Dispatch queues and
    /// threads that carry the context (`asyncWithTraceContext`, `TraceContext.bind`).
    ///
    /// ```swift
    /// LoggingSystem.bootstrap(StreamLogHandler.standardOutput, metadataProvider: .llmtrace())
    /// ```
    /// - Parameters:
    ///   - traceIDKey: The metadata key of the trace id.
    ///   - spanIDKey: The metadata key of the span id.
    ///   - traceFlagsKey: The metadata key of the trace flags.
    public static func llmtrace(
        traceIDKey: String = "trace_id",
        spanIDKey: String = "span_id",
        traceFlagsKey: String = "trace_flags"
    ) -> Logger.MetadataProvider {
        Logger.MetadataProvider {
            guard let context = TraceContext.current else { return [:] }
            return [
                traceIDKey: "\(context.traceID)",
                spanIDKey: "\(context.spanID)",
                traceFlagsKey: "\(context.traceFlags.intersection(.known).rawValue)",
            ]
        }
    }
}
