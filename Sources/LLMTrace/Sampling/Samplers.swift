/// The built-in samplers of the OpenTelemetry SDK specification, "Sampling".
///
/// ```swift
/// configuration.sampler = Samplers.parentBased(root: Samplers.traceIDRatio(0.05))
/// ```
/// Write your own by conforming to `Sampler`.
public enum Samplers {
    /// Samples every span.
    public static var alwaysOn: any Sampler { AlwaysOnSampler() }

    /// Drops every span.
    public static var alwaysOff: any Sampler { AlwaysOffSampler() }

    /// Samples a fixed fraction of traces, decided from the trace id alone, so every service
    /// that uses the same ratio agrees on the same traces (`TraceIdRatioBased`).
    /// - Parameter ratio: The fraction in [0, 1]; clamped, NaN counts as 0.
    public static func traceIDRatio(_ ratio: Double) -> any Sampler { TraceIDRatioBasedSampler(ratio: ratio) }

    /// Follows the parent's decision when there is a parent, and asks `root` for new traces
    /// (`ParentBased`).
    /// - Parameters:
    ///   - root: For spans without a parent.
    ///   - remoteParentSampled: For a sampled parent from another process. Default: always on.
    ///   - remoteParentNotSampled: For an unsampled parent from another process. Default: always off.
    ///   - localParentSampled: For a sampled parent in this process. Default: always on.
    ///   - localParentNotSampled: For an unsampled parent in this process. Default: always off.
    public static func parentBased(
        root: any Sampler,
        remoteParentSampled: any Sampler = Samplers.alwaysOn,
        remoteParentNotSampled: any Sampler = Samplers.alwaysOff,
        localParentSampled: any Sampler = Samplers.alwaysOn,
        localParentNotSampled: any Sampler = Samplers.alwaysOff
    ) -> any Sampler {
        var sampler = ParentBasedSampler(root: root)
        sampler.remoteParentSampled = remoteParentSampled
        sampler.remoteParentNotSampled = remoteParentNotSampled
        sampler.localParentSampled = localParentSampled
        sampler.localParentNotSampled = localParentNotSampled
        return sampler
    }
}
