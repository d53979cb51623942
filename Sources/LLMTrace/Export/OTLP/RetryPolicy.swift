import Foundation
internal import LLMTraceSupport

/// Exponential backoff with jitter, as the OTLP exporter specification asks.
struct RetryPolicy: Sendable, Equatable {
    /// The first wait.
    var initialBackoff: Duration = .seconds(1)
    /// The longest wait.
    var maxBackoff: Duration = .seconds(30)
    /// Growth per attempt.
    var multiplier = 2.0
    /// Most attempts per export, the first included.
    var maxAttempts = 10

    /// The defaults above.
    init() {}

    /// The wait before attempt `attempt + 1` (0-based), randomized to 50–150 %.
    func backoff(afterAttempt attempt: Int) -> Duration {
        let base = Double(initialBackoff.nanoseconds) * pow(multiplier, Double(max(0, attempt)))
        let capped = min(base, Double(maxBackoff.nanoseconds))
        return .nanoseconds(Int64(capped * Double.random(in: 0.5...1.5)))
    }
}
