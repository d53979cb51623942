/// A sampler that can tell its decision for some spans from the parent alone.
///
/// The provider reads its `parentOnlyDecisions` once; `Tracer` then looks the decision up for
/// each span and builds `SamplingParameters` (copies of the name, attributes and links,
/// released again after the call) only where the table has none. Always on and off, parent-based
/// around them and the provider's always-record wrapper fill it; a trace-id ratio, the sampling
/// rules' rate cap and a sampler of your own leave their entries empty and are asked through
/// `shouldSample` for each span they decide.
protocol ParentOnlySampler: Sampler {
    /// What `shouldSample` returns for each kind of parent, where that result has no attributes
    /// and keeps the parent's trace state and depends on nothing else.
    var parentOnlyDecisions: ParentOnlyDecisions { get }
}
