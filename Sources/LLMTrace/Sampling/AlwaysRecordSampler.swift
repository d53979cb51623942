/// Records every span, and leaves the `sampled` flag (what exporters receive) to the sampler
/// it wraps: a span the delegate would drop is recorded instead, unsampled.
///
/// The provider puts it around the configured sampler when a processor of its chain needs
/// unsampled spans (`SpanProcessor.needsUnsampledSpans`): the LLM metrics count every model
/// call, and the sampling rules can keep a failed trace the head sampler passed over.
///
/// With `followsLocalParent` (the sampling rules ask for it, as they decide whole traces), a span
/// under a local parent takes its parent's `sampled` flag without asking the delegate, so no
/// trace is split between sampled and unsampled spans in this process. Without it, the delegate
/// decides every span (its attributes included) and only a drop becomes a recording.
struct AlwaysRecordSampler: ParentOnlySampler {
    let delegate: any Sampler
    let followsLocalParent: Bool

    init(_ delegate: any Sampler, followsLocalParent: Bool) {
        self.delegate = delegate
        self.followsLocalParent = followsLocalParent
    }

    var parentOnlyDecisions: ParentOnlyDecisions {
        var decisions = ParentOnlyDecisions.of(delegate).map { $0 == .drop ? .recordOnly : $0 }
        if followsLocalParent {
            decisions.localSampled = .recordAndSample
            decisions.localNotSampled = .recordOnly
        }
        return decisions
    }

    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        if followsLocalParent, let parent = parameters.parentContext, parent.isValid, !parent.isRemote {
            return SamplingResult(parent.isSampled ? .recordAndSample : .recordOnly)
        }
        var result = delegate.shouldSample(parameters)
        if result.decision == .drop { result.decision = .recordOnly }
        return result
    }

    var description: String { "AlwaysRecord{\(delegate)\(followsLocalParent ? ", trace as unit" : "")}" }
}
