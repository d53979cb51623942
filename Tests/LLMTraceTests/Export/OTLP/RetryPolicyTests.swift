import Testing
@testable import LLMTrace
import LLMTraceSupport

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsByTheMultiplierWithinHalfToOneAndAHalfTimes() {
        var policy = RetryPolicy()
        policy.initialBackoff = .seconds(1)
        policy.maxBackoff = .seconds(30)
        for (attempt, base) in [(0, 1.0), (1, 2.0), (2, 4.0), (3, 8.0)] {
            for _ in 0..<50 {
                let wait = policy.backoff(afterAttempt: attempt).seconds
                #expect(wait >= 0.5 * base && wait <= 1.5 * base, "attempt \(attempt): \(wait)")
            }
        }
    }

    @Test func backoffIsCappedAtTheMaximum() {
        var policy = RetryPolicy()
        policy.initialBackoff = .seconds(1)
        policy.maxBackoff = .seconds(10)
        for _ in 0..<50 {
            let wait = policy.backoff(afterAttempt: 60).seconds
            #expect(wait >= 5 && wait <= 15)
        }
    }

    @Test func aNegativeAttemptCountsAsTheFirst() {
        let policy = RetryPolicy()
        for _ in 0..<20 {
            let wait = policy.backoff(afterAttempt: -3).seconds
            #expect(wait >= 0.5 && wait <= 1.5)
        }
    }
}
