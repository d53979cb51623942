#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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
    /// The longest pause of the delivery queue, which retries for as long as it takes: a
    /// receiver back from a restart is noticed within this.
    var maxQueueBackoff: Duration = .seconds(5)

    /// The defaults above.
    init() {}

    /// The delivery queue's pause after `failures` retryable failures in a row (0-based).
    func queueBackoff(afterFailures failures: Int) -> Duration {
        min(backoff(afterAttempt: failures), maxQueueBackoff)
    }

    /// The wait before attempt `attempt + 1` (0-based), randomized to 50–150 %.
    func backoff(afterAttempt attempt: Int) -> Duration {
        let base = Double(initialBackoff.nanoseconds) * pow(multiplier, Double(max(0, attempt)))
        let capped = min(base, Double(maxBackoff.nanoseconds))
        return .nanoseconds(Int64(capped * Double.random(in: 0.5...1.5)))
    }
}
