internal import LLMTraceSupport

/// Caps how many new traces per second the sampler it wraps may sample, with a token bucket it
/// owns (bursts up to one second's worth): `SamplingRules.maxTracesPerSecond`.
///
/// Only the start of a trace in this process is charged: a span under a local parent, or under
/// a sampled remote parent (the trace is already kept upstream and stays whole across services),
/// keeps the delegate's decision. A refused trace is dropped here; under `AlwaysRecordSampler`
/// it is recorded instead, so the sampling rules can still keep it.
final class RateLimitedSampler: Sampler {
    let delegate: any Sampler
    let tracesPerSecond: Double
    private let clock: @Sendable () -> UInt64
    private let state: Locked<(bucket: TokenBucket, refused: Int)>

    /// - Parameters:
    ///   - delegate: The sampler whose sampled traces are capped.
    ///   - tracesPerSecond: The cap: on average this many traces per second, bursts up to one
    ///     second's worth (at least one trace).
    ///   - clock: Monotonic nanoseconds; tests inject their own.
    init(_ delegate: any Sampler, tracesPerSecond: Double, clock: @escaping @Sendable () -> UInt64 = WallClock.monotonicNanos) {
        self.delegate = delegate
        self.tracesPerSecond = tracesPerSecond
        self.clock = clock
        self.state = Locked((TokenBucket(ratePerSecond: tracesPerSecond, now: clock()), 0))
    }

    /// Traces the delegate sampled that the cap refused.
    var refused: Int { state.withLock { $0.refused } }

    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        var result = delegate.shouldSample(parameters)
        guard result.decision == .recordAndSample else { return result }
        if let parent = parameters.parentContext, parent.isValid, !parent.isRemote || parent.isSampled {
            return result
        }
        let now = clock()
        let allowed = state.withLock { state in
            if state.bucket.take(now: now) { return true }
            state.refused += 1
            return false
        }
        if !allowed {
            result.decision = .drop
            // The ratio's threshold no longer says how this trace was chosen.
            if let state = result.traceState ?? parameters.parentContext?.traceState, let erased = SamplingThreshold.erasing(from: state) {
                result.traceState = erased
            }
        }
        return result
    }

    var description: String { "RateLimited{\(tracesPerSecond)/s, \(delegate)}" }
}
