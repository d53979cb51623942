import LLMTrace

extension SpanData {
    /// A finished span for processor and encoder tests.
    public static func stub(name: String, sampled: Bool = true, traceID: TraceID = TraceID(high: 1, low: 2), spanID: UInt64 = 3) -> SpanData {
        SpanData(
            context: SpanContext(traceID: traceID, spanID: SpanID(spanID), isSampled: sampled),
            name: name, startTimeUnixNano: 1_767_225_600_000_000_000, endTimeUnixNano: 1_767_225_601_000_000_000
        )
    }
}
