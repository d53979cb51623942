/// Drops every span.
struct AlwaysOffSampler: ParentOnlySampler {
    /// Creates the sampler.
    init() {}
    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult { SamplingResult(.drop) }
    var parentOnlyDecisions: ParentOnlyDecisions { .always(.drop) }
    var description: String { "AlwaysOffSampler" }
}
