@testable import LLMTrace

extension SpanData {
    /// 2026-01-01T00:00:00Z, the start of every span made by `ended`.
    static let testEpoch: UInt64 = 1_767_225_600_000_000_000

    /// An ended span of the trace whose id has low half `trace`, for the tail-sampling tests.
    /// - Parameters:
    ///   - parent: The parent's span id; `nil` for a root.
    ///   - remoteParent: Whether that parent came from another process (a local root then).
    ///   - failed: Whether the span ended with status error.
    static func ended(
        _ name: String, trace: UInt64, id: UInt64, parent: UInt64? = nil, remoteParent: Bool = false,
        sampled: Bool = false, failed: Bool = false, durationNanos: UInt64 = 1_000_000,
        attributes: Attributes = Attributes(), events: [SpanEvent] = []
    ) -> SpanData {
        SpanData(
            context: SpanContext(traceID: TraceID(high: 0, low: trace), spanID: SpanID(id), isSampled: sampled),
            parentSpanID: parent.map(SpanID.init), parentIsRemote: parent.map { _ in remoteParent },
            name: name, startTimeUnixNano: testEpoch, endTimeUnixNano: testEpoch + durationNanos,
            attributes: attributes, events: events, status: failed ? .error(description: "failed") : .unset
        )
    }

    /// The rule the tail sampling wrote on this span, if any.
    var samplingRule: String? {
        if case .string(let rule)? = attributes[LLMTraceAttributes.samplingRule] { return rule }
        return nil
    }

    /// Why the tail sampling decided this span's trace early, if it did.
    var samplingEarly: String? {
        if case .string(let cause)? = attributes[LLMTraceAttributes.samplingEarly] { return cause }
        return nil
    }
}
