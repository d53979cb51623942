/// Samples every span.
struct AlwaysOnSampler: Sampler {
    /// Creates the sampler.
    init() {}
    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult { SamplingResult(.recordAndSample) }
    var description: String { "AlwaysOnSampler" }
}
