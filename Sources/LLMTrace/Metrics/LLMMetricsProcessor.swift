internal import LLMTraceSupport

/// The head of the chain when LLM metrics are on: counts every ended span, sampled or not, into
/// the metrics, then hands it to the next processor, with an `llmtrace.cost_budget.exceeded`
/// event added to a span whose cost took the hour (or its key's hour) over a budget, and, on a
/// local root, the totals of its trace's model calls (`TraceTotals`).
///
/// Owns the metrics reader, so that `shutdown` makes the final push after the spans behind it
/// are flushed, and the push carries everything that ended.
final class LLMMetricsProcessor: SpanProcessor {
    let metrics: LLMMetrics
    let next: any SpanProcessor
    private let reader: MetricsReader
    private let eventCountLimit: Int

    private let attributeCountLimit: Int
    /// `next`, as what takes the spans this stage passes on.
    let handOver: SpanHandOver

    init(metrics: LLMMetrics, reader: MetricsReader, next: any SpanProcessor, eventCountLimit: Int, attributeCountLimit: Int) {
        self.metrics = metrics
        self.reader = reader
        self.next = next
        self.handOver = SpanHandOver(next)
        self.eventCountLimit = eventCountLimit
        self.attributeCountLimit = attributeCountLimit
    }

    var isStartRequired: Bool { next.isStartRequired }
    var needsUnsampledSpans: Bool { true }
    var statistics: ExportStatistics? { next.statistics }

    func onStart(_ span: Span, parentContext: SpanContext?) {
        next.onStart(span, parentContext: parentContext)
    }

    func onEnd(_ span: SpanData) {
        onEnd(handingOver: span)
    }

    /// `onEnd` for a span whose caller keeps no copy (the span's end): it moves on through the
    /// sampling stage into the batch processor's queue without being copied (`SpanHandOver`).
    func onEnd(handingOver span: consuming SpanData) {
        let recorded = metrics.record(span)
        var totals: TraceTotals.Sum?
        if let traceTotals = metrics.traceTotals {
            if span.isLocalRoot {
                totals = traceTotals.take(span.context.traceID)
                if let own = recorded.call, totals != nil { totals? += own }
            } else if let call = recorded.call {
                traceTotals.add(call, to: span.context.traceID)
            }
        }
        let exceeded = metrics.chargeBudgets(recorded.costNanoUSD, of: span)
        guard totals != nil || !exceeded.isEmpty else {
            handOver.pass(consume span, to: next)
            return
        }
        var marked = consume span
        if !exceeded.isEmpty {
            // Edited as a copy and assigned once: each assignment replaces the record's shared
            // `extras` reference.
            var events = marked.events
            let kept = exceeded.prefix(max(0, eventCountLimit - events.count))
            events.append(contentsOf: kept)
            marked.events = events
            if kept.count < exceeded.count { marked.droppedEventsCount += exceeded.count - kept.count }
        }
        if let totals {
            // The root's list is its own copy (`Span.end()` made it, for this chain): appended
            // in place, while there is room.
            marked.setAttribute(LLMTraceAttributes.traceCost, .double(Double(totals.costNanoUSD) / 1e9), limit: attributeCountLimit)
            marked.setAttribute(LLMTraceAttributes.traceInputTokens, .int(totals.inputTokens), limit: attributeCountLimit)
            marked.setAttribute(LLMTraceAttributes.traceOutputTokens, .int(totals.outputTokens), limit: attributeCountLimit)
        }
        handOver.pass(consume marked, to: next)
    }

    func forceFlush(timeout: Duration) -> Bool {
        Deadline.sharing(timeout, [{ self.next.forceFlush(timeout: $0) }, { self.reader.forceFlush(timeout: $0) }])
    }

    func shutdown(timeout: Duration) -> Bool {
        Deadline.sharing(timeout, [{ self.next.shutdown(timeout: $0) }, { self.reader.shutdown(timeout: $0) }])
    }
}
