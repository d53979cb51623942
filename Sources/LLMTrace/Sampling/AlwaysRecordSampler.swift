/// Records every span, and leaves the `sampled` flag (what exporters receive) to the sampler
/// it wraps: a span the delegate would drop is recorded instead, unsampled.
///
/// The provider puts it around the configured sampler when a processor of its chain needs
/// unsampled spans (`SpanProcessor.needsUnsampledSpans`): the LLM metrics count every model
/// call, and the sampling rules can keep a failed trace the head sampler passed over.
///
/// With every span recorded, the trace is the unit of decision: a span under a local parent
/// takes its parent's `sampled` flag without asking the delegate, so no trace is split between
/// sampled and unsampled spans in this process.
struct AlwaysRecordSampler: Sampler {
    let delegate: any Sampler

    init(_ delegate: any Sampler) {
        self.delegate = delegate
    }

    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        if let parent = parameters.parentContext, parent.isValid, !parent.isRemote {
            return SamplingResult(parent.isSampled ? .recordAndSample : .recordOnly)
        }
        var result = delegate.shouldSample(parameters)
        if result.decision == .drop { result.decision = .recordOnly }
        return result
    }

    var description: String { "AlwaysRecord{\(delegate)}" }
}
