/// A sampler's decision for each kind of parent, where it depends on that alone; `nil` where
/// the sampler needs the full `SamplingParameters` (see `ParentOnlySampler`).
struct ParentOnlyDecisions: Sendable, Equatable {
    /// For a new trace (no valid parent).
    var root: SamplingDecision?
    var remoteSampled: SamplingDecision?
    var remoteNotSampled: SamplingDecision?
    var localSampled: SamplingDecision?
    var localNotSampled: SamplingDecision?

    /// No decision without the parameters.
    static let none = ParentOnlyDecisions()

    /// `sampler`'s table: empty unless it is a `ParentOnlySampler`.
    static func of(_ sampler: any Sampler) -> ParentOnlyDecisions {
        (sampler as? any ParentOnlySampler)?.parentOnlyDecisions ?? .none
    }

    /// The same decision for every span.
    static func always(_ decision: SamplingDecision) -> ParentOnlyDecisions {
        ParentOnlyDecisions(root: decision, remoteSampled: decision, remoteNotSampled: decision, localSampled: decision, localNotSampled: decision)
    }

    /// The decision for a span under `parent` (`nil` or invalid: a new trace), if known.
    @inline(__always)
    func decision(parent: SpanContext?) -> SamplingDecision? {
        guard let parent, parent.isValid else { return root }
        switch (parent.isRemote, parent.isSampled) {
        case (true, true): return remoteSampled
        case (true, false): return remoteNotSampled
        case (false, true): return localSampled
        case (false, false): return localNotSampled
        }
    }

    /// Each decision passed through `transform`.
    func map(_ transform: (SamplingDecision) -> SamplingDecision) -> ParentOnlyDecisions {
        ParentOnlyDecisions(
            root: root.map(transform), remoteSampled: remoteSampled.map(transform), remoteNotSampled: remoteNotSampled.map(transform),
            localSampled: localSampled.map(transform), localNotSampled: localNotSampled.map(transform)
        )
    }
}
