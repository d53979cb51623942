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

/// The head sampler in force when metrics are on and no sampling rule is: what the configured
/// sampler drops is recorded but not sampled, so it reaches the metrics and no exporter.
struct RecordingSampler: Sampler {
    let head: any Sampler

    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        var result = head.shouldSample(parameters)
        if result.decision == .drop { result.decision = .recordOnly }
        return result
    }

    var description: String { "\(head) (dropped spans recorded for metrics)" }
}
