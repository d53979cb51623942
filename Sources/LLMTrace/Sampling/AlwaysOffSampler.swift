/// Drops every span.
struct AlwaysOffSampler: Sampler {
    /// Creates the sampler.
    init() {}
    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult { SamplingResult(.drop) }
    var description: String { "AlwaysOffSampler" }
}
