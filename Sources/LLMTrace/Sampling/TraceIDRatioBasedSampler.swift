/// Samples a fixed fraction of traces, decided from the trace id alone, so every service that
/// uses the same ratio agrees on the same traces.
///
/// Uses the Go SDK's arithmetic: the low 8 bytes of the id, shifted right by one, compared with
/// `ratio × 2⁶³`. Monotone: a higher ratio samples a superset of a lower one.
struct TraceIDRatioBasedSampler: Sampler {
    /// The fraction in [0, 1].
    let ratio: Double
    private let bound: UInt64

    /// Creates the sampler; the ratio is clamped to [0, 1].
    init(ratio: Double) {
        let clamped = ratio.isNaN ? 0 : min(1, max(0, ratio))
        self.ratio = clamped
        if clamped >= 1 {
            bound = .max
        } else {
            bound = UInt64(clamped * 9_223_372_036_854_775_808.0) // 2^63
        }
    }

    /// Whether the ratio keeps `traceID`.
    func keeps(_ traceID: TraceID) -> Bool {
        if ratio >= 1 { return true }
        if ratio <= 0 { return false }
        return (traceID.low >> 1) < bound
    }

    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        SamplingResult(keeps(parameters.traceID) ? .recordAndSample : .drop)
    }

    var description: String { "TraceIdRatioBased{\(ratio)}" }
}
