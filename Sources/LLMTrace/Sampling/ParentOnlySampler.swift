/// A sampler that can tell its decision for some spans from the parent alone.
///
/// The provider reads its `parentOnlyDecisions` once; `Tracer` then looks the decision up for
/// each span and builds `SamplingParameters` (copies of the name, attributes and links,
/// released again after the call) only where the table has none. The built-in samplers fill
/// the table for every span but a ratio-sampled root; a user's own sampler is always asked
/// through `shouldSample`.
protocol ParentOnlySampler: Sampler {
    /// What `shouldSample` returns for each kind of parent, where that result has no attributes
    /// and keeps the parent's trace state and depends on nothing else.
    var parentOnlyDecisions: ParentOnlyDecisions { get }
}
