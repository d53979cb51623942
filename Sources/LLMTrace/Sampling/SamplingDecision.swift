/// What a sampler decided for a new span.
public enum SamplingDecision: Sendable, Hashable {
    /// Record nothing; the span still carries its context to children.
    case drop
    /// Record the span and give it to processors, but do not set the sampled flag.
    case recordOnly
    /// Record the span and set the sampled flag: exporters receive it.
    case recordAndSample
}
