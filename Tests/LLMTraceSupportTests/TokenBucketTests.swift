import Testing
import LLMTraceSupport

@Suite struct TokenBucketTests {
    static let second: UInt64 = 1_000_000_000

    func takes(_ bucket: inout TokenBucket, _ count: Int, at now: UInt64) -> Int {
        (0..<count).filter { _ in bucket.take(now: now) }.count
    }

    @Test func startsFullWithOneSecondsWorth() {
        var bucket = TokenBucket(ratePerSecond: 5, now: 0)
        #expect(takes(&bucket, 6, at: 0) == 5)
    }

    @Test func refillsAtTheRate() {
        var bucket = TokenBucket(ratePerSecond: 5, now: 0)
        _ = takes(&bucket, 5, at: 0)
        #expect(takes(&bucket, 2, at: Self.second / 5) == 1)
        #expect(takes(&bucket, 3, at: Self.second / 5 + Self.second / 2) == 2)
    }

    @Test func neverHoldsMoreThanOneSecondsWorth() {
        var bucket = TokenBucket(ratePerSecond: 5, now: 0)
        #expect(takes(&bucket, 10, at: 100 * Self.second) == 5)
    }

    @Test func aRateBelowOneStillHoldsOneToken() {
        var bucket = TokenBucket(ratePerSecond: 0.5, now: 0)
        #expect(takes(&bucket, 2, at: 0) == 1)
        #expect(takes(&bucket, 1, at: Self.second) == 0)
        #expect(takes(&bucket, 1, at: 2 * Self.second) == 1)
    }

    @Test func aClockThatGoesBackAddsNothing() {
        var bucket = TokenBucket(ratePerSecond: 2, now: 10 * Self.second)
        _ = takes(&bucket, 2, at: 10 * Self.second)
        #expect(takes(&bucket, 1, at: 5 * Self.second) == 0)
        #expect(takes(&bucket, 1, at: 10 * Self.second + Self.second / 2) == 1)
    }
}
