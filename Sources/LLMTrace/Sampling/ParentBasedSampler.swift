/// Follows the parent's decision when there is a parent, and asks `root` for new traces.
struct ParentBasedSampler: ParentOnlySampler {
    /// The sampler for spans without a parent.
    let root: any Sampler
    /// For a sampled parent from another process. Default: always on.
    var remoteParentSampled: any Sampler = AlwaysOnSampler()
    /// For an unsampled parent from another process. Default: always off.
    var remoteParentNotSampled: any Sampler = AlwaysOffSampler()
    /// For a sampled parent in this process. Default: always on.
    var localParentSampled: any Sampler = AlwaysOnSampler()
    /// For an unsampled parent in this process. Default: always off.
    var localParentNotSampled: any Sampler = AlwaysOffSampler()

    /// Creates the sampler around `root`.
    init(root: any Sampler) { self.root = root }

    var parentOnlyDecisions: ParentOnlyDecisions {
        ParentOnlyDecisions(
            root: ParentOnlyDecisions.of(root).root,
            remoteSampled: ParentOnlyDecisions.of(remoteParentSampled).remoteSampled,
            remoteNotSampled: ParentOnlyDecisions.of(remoteParentNotSampled).remoteNotSampled,
            localSampled: ParentOnlyDecisions.of(localParentSampled).localSampled,
            localNotSampled: ParentOnlyDecisions.of(localParentNotSampled).localNotSampled
        )
    }

    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        guard let parent = parameters.parentContext, parent.isValid else {
            return root.shouldSample(parameters)
        }
        switch (parent.isRemote, parent.isSampled) {
        case (true, true): return remoteParentSampled.shouldSample(parameters)
        case (true, false): return remoteParentNotSampled.shouldSample(parameters)
        case (false, true): return localParentSampled.shouldSample(parameters)
        case (false, false): return localParentNotSampled.shouldSample(parameters)
        }
    }

    var description: String { "ParentBased{root=\(root)}" }
}
