/// What the sampling rules read from and write on ended spans.
extension SpanData {
    /// Whether the span failed: status error, or an `exception` event.
    var hasFailed: Bool {
        if case .error = status { return true }
        return events.contains { $0.name == OTelAttributes.exceptionEvent }
    }

    /// Writes on a local root why its trace was kept (`llmtrace.sampling.rule`) and, when the
    /// trace was decided before the root ended, why then (`llmtrace.sampling.early`). A span
    /// already at the attribute count `limit` counts the marks as dropped, as for any attribute.
    mutating func markKept(by reason: KeepReason, early: EarlyCause?, limit: Int) {
        setAttribute(LLMTraceAttributes.samplingRule, .string(reason.attributeValue), limit: limit)
        if let early { setAttribute(LLMTraceAttributes.samplingEarly, .string(early.rawValue), limit: limit) }
    }

    /// About how many bytes the span holds in memory: its strings and values plus a fixed
    /// overhead per span, attribute, event and link. An estimate for `maxPendingBytes`, cheap
    /// enough for every held span (a native string knows its UTF-8 length).
    var estimatedSize: Int {
        var size = 256 + name.utf8.count + Self.estimatedSize(attributes)
        for event in events { size += 48 + event.name.utf8.count + Self.estimatedSize(event.attributes) }
        for link in links { size += 64 + Self.estimatedSize(link.attributes) }
        return size
    }

    private static func estimatedSize(_ attributes: Attributes) -> Int {
        // Read in place: iterating the collection copies each key and value out (a retain and
        // a release apiece).
        attributes.elements.withUnsafeBufferPointer { elements in
            var size = 0
            for i in elements.indices {
                size += 40 + elements[i].key.utf8.count
                switch elements[i].value {
                case .string(let text): size += text.utf8.count
                case .stringArray(let texts): size += texts.reduce(16) { $0 + 16 + $1.utf8.count }
                case .boolArray(let values): size += 16 + values.count
                case .intArray(let values): size += 16 + 8 * values.count
                case .doubleArray(let values): size += 16 + 8 * values.count
                case .bool, .int, .double: break
                }
            }
            return size
        }
    }

    /// This span with the `sampled` flag set: a span of a trace the rules kept, on its way to
    /// exporters, which only take sampled spans.
    consuming func markedSampled() -> SpanData {
        var span = self
        span.context.traceFlags.insert(.sampled)
        return span
    }
}
