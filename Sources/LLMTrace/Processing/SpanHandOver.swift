/// The next processor of the provider's chain, as what can take an ended span over.
///
/// The stages of the default chain (LLM metrics, sampling rules, one batch processor) have a
/// typed `onEnd(handingOver:)` beside the protocol's borrowing `onEnd`: a span handed from one to
/// the next moves into the batch queue instead of being copied into it (a dozen reference-count
/// operations) and destroyed by the stage that made it. Any other processor gets the span
/// through `SpanProcessor.onEnd`, as before. (Handing it over through the protocol's
/// existentials instead cost more than it saved.)
enum SpanHandOver: Sendable {
    case metrics(LLMMetricsProcessor)
    case sampling(TailSamplingProcessor)
    case batch(BatchSpanProcessor)
    /// Any other processor: spans reach it through `SpanProcessor.onEnd`. (No payload: an
    /// existential one would make every `pass` copy the enum through its value witness.)
    case borrowing

    /// Looks at `processor` once, when the chain is built: a group of one batch processor counts
    /// as that processor.
    init(_ processor: any SpanProcessor) {
        if let metrics = processor as? LLMMetricsProcessor {
            self = .metrics(metrics)
        } else if let sampling = processor as? TailSamplingProcessor {
            self = .sampling(sampling)
        } else if let batch = processor as? BatchSpanProcessor {
            self = .batch(batch)
        } else if let group = processor as? ProcessorGroup, group.members.count == 1, let batch = group.members[0] as? BatchSpanProcessor {
            self = .batch(batch)
        } else {
            self = .borrowing
        }
    }

    /// How many attributes the chain from here may add to a local root: the sampling stage its
    /// mark (`llmtrace.sampling.rule`, and `llmtrace.sampling.early`), the LLM metrics their
    /// three trace totals (when those are on). None for a chain that leaves roots alone.
    var attributesAddedToLocalRoots: Int {
        switch self {
        case .metrics(let metrics): (metrics.metrics.traceTotals != nil ? 3 : 0) + metrics.handOver.attributesAddedToLocalRoots
        case .sampling(let sampling): 2 + sampling.handOver.attributesAddedToLocalRoots
        case .batch, .borrowing: 0
        }
    }

    /// The batch processor at the end of a chain of the default stages, whose queue's depth
    /// tells the spans that end whether the exporter is behind; `nil` for any other chain.
    var terminalBatch: BatchSpanProcessor? {
        switch self {
        case .metrics(let metrics): metrics.handOver.terminalBatch
        case .sampling(let sampling): sampling.handOver.terminalBatch
        case .batch(let batch): batch
        case .borrowing: nil
        }
    }

    /// Passes a span the caller owns, and keeps no copy of, to `processor` (the one this was
    /// made for).
    @inline(__always)
    func pass(_ span: consuming SpanData, to processor: any SpanProcessor) {
        switch self {
        case .metrics(let metrics): metrics.onEnd(handingOver: consume span)
        case .sampling(let sampling): sampling.onEnd(handingOver: consume span)
        case .batch(let batch): batch.onEnd(handingOver: consume span)
        case .borrowing: processor.onEnd(span)
        }
    }
}
