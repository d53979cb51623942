/// Samples a fixed fraction of traces, decided from the trace id alone, so every service that
/// uses the same ratio agrees on the same traces.
///
/// OpenTelemetry's consistent probability arithmetic: the trace's 56-bit randomness (the
/// rightmost 7 bytes of the id, or an `rv` the parent's `tracestate` carries) is kept when it is
/// at least the threshold `(1 - ratio) × 2^56`. Monotone: a higher ratio samples a superset of a
/// lower one. A sampled span writes the threshold into `tracestate` (`ot=th:…`, 1 % is
/// `ot=th:fd70a4`), so back ends can weigh each kept trace and extrapolate counts; a dropped
/// span carries no threshold.
struct TraceIDRatioBasedSampler: Sampler {
    /// The fraction in [0, 1].
    let ratio: Double
    /// `nil` for a ratio of 0: nothing is kept.
    let threshold: SamplingThreshold?
    // The trace state of a sampled root, made once: a root has no parent state to merge, and
    // handing out one value costs no allocation per trace.
    private let rootTraceState: TraceState

    /// Creates the sampler; the ratio is clamped to [0, 1].
    init(ratio: Double) {
        let clamped = ratio.isNaN ? 0 : min(1, max(0, ratio))
        self.ratio = clamped
        threshold = SamplingThreshold(probability: clamped)
        rootTraceState = threshold?.writing(into: TraceState()) ?? TraceState()
    }

    /// Whether the ratio keeps `traceID` (by the randomness in the id).
    func keeps(_ traceID: TraceID) -> Bool {
        threshold?.keeps(randomness: SamplingThreshold.randomness(of: traceID, traceState: nil)) ?? false
    }

    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        let parentState = parameters.parentContext?.traceState
        let randomness = SamplingThreshold.randomness(of: parameters.traceID, traceState: parentState)
        guard let threshold, threshold.keeps(randomness: randomness) else {
            // A threshold inherited from a parent does not describe this decision.
            return SamplingResult(.drop, attributes: Attributes(), traceState: parentState.flatMap(SamplingThreshold.erasing))
        }
        let state = parentState.map { $0.isEmpty ? rootTraceState : threshold.writing(into: $0) } ?? rootTraceState
        return SamplingResult(.recordAndSample, attributes: Attributes(), traceState: state)
    }

    var description: String { "TraceIdRatioBased{\(ratio)}" }
}
