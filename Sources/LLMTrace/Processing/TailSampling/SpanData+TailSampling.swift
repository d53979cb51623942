/// What the sampling rules read from and write on ended spans.
extension SpanData {
    /// Whether this span is the first of its trace in this process: no parent, or a remote one.
    var isLocalRoot: Bool { parentSpanID == nil || parentIsRemote == true }

    /// Whether the span failed: status error, or an `exception` event.
    var hasFailed: Bool {
        if case .error = status { return true }
        return events.contains { $0.name == OTelAttributes.exceptionEvent }
    }

    /// Writes on a local root why its trace was kept (`llmtrace.sampling.rule`) and, when the
    /// trace was decided before the root ended, why then (`llmtrace.sampling.early`). A span
    /// already at the attribute count `limit` counts the marks as dropped, as for any attribute.
    mutating func markKept(by reason: KeepReason, early: EarlyCause?, limit: Int) {
        set(LLMTraceAttributes.samplingRule, .string(reason.attributeValue), limit: limit)
        if let early { set(LLMTraceAttributes.samplingEarly, .string(early.rawValue), limit: limit) }
    }

    private mutating func set(_ key: String, _ value: AttributeValue, limit: Int) {
        if attributes.count >= limit && attributes[key] == nil {
            droppedAttributesCount += 1
        } else {
            attributes[key] = value
        }
    }

    /// This span with the `sampled` flag set: a span of a trace the rules kept, on its way to
    /// exporters, which only take sampled spans.
    func markedSampled() -> SpanData {
        var span = self
        span.context.traceFlags.insert(.sampled)
        return span
    }
}
