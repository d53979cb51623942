/// A token bucket: allows `ratePerSecond` events per second on average, bursts up to one
/// second's worth.
public struct TokenBucket: Sendable {
    public let ratePerSecond: Double
    @usableFromInline var tokens: Double
    @usableFromInline var last: UInt64

    @inlinable
    public init(ratePerSecond: Double, now: UInt64) {
        self.ratePerSecond = ratePerSecond
        self.tokens = max(1, ratePerSecond)
        self.last = now
    }

    /// Takes one token if there is one; `now` is monotonic nanoseconds.
    @inlinable
    public mutating func take(now: UInt64) -> Bool {
        if now > last {
            tokens = min(max(1, ratePerSecond), tokens + Double(now - last) * ratePerSecond / 1e9)
            last = now
        }
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
