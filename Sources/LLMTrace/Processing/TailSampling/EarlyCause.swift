/// Why a trace was decided before its local root ended: the value of `llmtrace.sampling.early`
/// and the key of `SamplingStatistics.earlyDecisions`.
enum EarlyCause: String, Sendable {
    /// `maxPendingTraces` was reached and this was the oldest trace.
    case pendingTraces = "pending_traces"
    /// `maxPendingSpans` was reached and this was the oldest trace.
    case pendingSpans = "pending_spans"
    /// `maxPendingBytes` was reached and this was the oldest trace.
    case pendingBytes = "pending_bytes"
    /// The trace reached `maxSpansPerTrace`.
    case traceSpans = "trace_spans"
    /// The trace was older than `maxTraceAge`.
    case maxAge = "max_age"
    /// The provider shut down.
    case shutdown
}
