/// A point on the monotonic clock by which work must be done.
public struct Deadline: Sendable, Comparable {
    /// Monotonic nanoseconds.
    public let nanos: UInt64

    /// The deadline at `nanos` on the monotonic clock (`WallClock.monotonicNanos`).
    public init(nanos: UInt64) { self.nanos = nanos }

    /// The deadline `duration` from now; a huge or negative duration saturates.
    public static func after(_ duration: Duration) -> Deadline {
        let now = WallClock.monotonicNanos()
        let (seconds, attos) = duration.components
        // A duration that ends before now, even by less than a nanosecond, is already due.
        if seconds < 0 || (seconds == 0 && attos <= 0) { return Deadline(nanos: now) }
        let (mul, overflow1) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let (sum, overflow2) = now.addingReportingOverflow(mul &+ UInt64(attos / 1_000_000_000))
        return Deadline(nanos: overflow1 || overflow2 ? UInt64.max : sum)
    }

    /// A deadline that never comes.
    public static let never = Deadline(nanos: .max)

    /// Nanoseconds left, zero once passed.
    public var remainingNanos: UInt64 {
        let now = WallClock.monotonicNanos()
        return nanos > now ? nanos - now : 0
    }

    /// Whether the deadline has passed.
    public var hasPassed: Bool { remainingNanos == 0 }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool { lhs.nanos < rhs.nanos }
}

extension Deadline {
    /// The time left, zero once passed.
    public var remaining: Duration { .nanoseconds(Int64(clamping: remainingNanos)) }

    /// Runs `steps` in order under one deadline, `timeout` from now: each gets the time left.
    /// Every step runs, a late one with no time, so that it can count what it could not finish.
    /// - Returns: whether every step returned `true`.
    public static func sharing(_ timeout: Duration, _ steps: [(Duration) -> Bool]) -> Bool {
        let deadline = Deadline.after(timeout)
        var completed = true
        for step in steps {
            completed = step(deadline.remaining) && completed
        }
        return completed
    }
}

extension Deadline {
    /// The deadline given as an instant of `ContinuousClock`, the clock of the public exporter API.
    public init(_ instant: ContinuousClock.Instant) {
        self = .after(ContinuousClock.now.duration(to: instant))
    }

    /// This deadline as an instant of `ContinuousClock`; `never` becomes one far in the future.
    public var instant: ContinuousClock.Instant {
        nanos == .max ? .now.advanced(by: .seconds(Int64(1) << 40)) : .now.advanced(by: remaining)
    }
}
