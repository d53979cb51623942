/// The head sampler in force when sampling rules are active: the configured sampler decides
/// each new trace, but what it would drop is recorded instead (so the rules can still keep it),
/// and the ratio cap applies to what it keeps.
///
/// The trace is the unit of decision, so a span under a local parent follows its parent's
/// `sampled` flag without asking the configured sampler again.
struct RulesHeadSampler: Sampler {
    let head: any Sampler
    let stage: SamplingRulesProcessor

    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        if let parent = parameters.parentContext, parent.isValid, !parent.isRemote {
            return SamplingResult(parent.isSampled ? .recordAndSample : .recordOnly)
        }
        var result = head.shouldSample(parameters)
        switch result.decision {
        case .drop, .recordOnly:
            result.decision = .recordOnly
        case .recordAndSample:
            // A sampled remote parent keeps the trace whole across services: never capped.
            let keptByParent = parameters.parentContext?.isSampled ?? false
            if !keptByParent && !stage.ratioCapAllows() { result.decision = .recordOnly }
        }
        return result
    }

    var description: String { "\(head) with sampling rules" }
}
