/// Samples every span.
struct AlwaysOnSampler: ParentOnlySampler {
    /// Creates the sampler.
    init() {}
    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult { SamplingResult(.recordAndSample) }
    var parentOnlyDecisions: ParentOnlyDecisions { .always(.recordAndSample) }
    var description: String { "AlwaysOnSampler" }
}
