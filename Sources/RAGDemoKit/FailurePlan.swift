import LLMTrace
import LLMTraceGenAI
internal import LLMTraceSupport

/// Decides, per question and reproducibly, which generation calls fail on purpose.
public struct FailurePlan: Sendable {
    /// No failures on purpose.
    public static let none = FailurePlan(rate: 0, seed: 0)

    /// Share of questions whose generation fails, 0...1.
    public var rate: Double
    public var seed: UInt64
    /// How long a simulated timeout waits before failing, at latency scale 1.
    var timeout: Duration = .milliseconds(1500)

    /// The failure for question `index`, if it gets one: half rate limits (429), half timeouts.
    public init(rate: Double, seed: UInt64) {
        self.rate = rate
        self.seed = seed
    }

    func failure(forQuestion index: Int) -> ProviderError? {
        var z = seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let draw = Double(z >> 11) / 9_007_199_254_740_992.0 // 2^53
        guard draw < rate else { return nil }
        return z & 1 == 0 ? .rateLimited(retryAfter: 2) : .timeout(seconds: timeout.seconds)
    }
}
