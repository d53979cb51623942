internal import LLMTraceSupport

/// The head of the chain when LLM metrics are on: counts every ended span, sampled or not, into
/// the metrics, then hands it to the next processor, with an `llmtrace.cost_budget.exceeded`
/// event added to the span whose cost took the hour over the budget.
///
/// Owns the metrics reader, so that `shutdown` makes the final push after the spans behind it
/// are flushed, and the push carries everything that ended.
final class LLMMetricsProcessor: SpanProcessor {
    let metrics: LLMMetrics
    let next: any SpanProcessor
    private let reader: MetricsReader
    private let eventCountLimit: Int

    init(metrics: LLMMetrics, reader: MetricsReader, next: any SpanProcessor, eventCountLimit: Int) {
        self.metrics = metrics
        self.reader = reader
        self.next = next
        self.eventCountLimit = eventCountLimit
    }

    var isStartRequired: Bool { next.isStartRequired }
    var needsUnsampledSpans: Bool { true }
    var statistics: ExportStatistics? { next.statistics }

    func onStart(_ span: Span, parentContext: SpanContext?) {
        next.onStart(span, parentContext: parentContext)
    }

    func onEnd(_ span: SpanData) {
        guard let event = metrics.record(span) else {
            next.onEnd(span)
            return
        }
        var marked = span
        if marked.events.count < eventCountLimit { marked.events.append(event) } else { marked.droppedEventsCount += 1 }
        next.onEnd(marked)
    }

    func forceFlush(timeout: Duration) -> Bool {
        Deadline.sharing(timeout, [{ self.next.forceFlush(timeout: $0) }, { self.reader.forceFlush(timeout: $0) }])
    }

    func shutdown(timeout: Duration) -> Bool {
        Deadline.sharing(timeout, [{ self.next.shutdown(timeout: $0) }, { self.reader.shutdown(timeout: $0) }])
    }
}
