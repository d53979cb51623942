#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the wall clock as Unix epoch nanoseconds, the unit of OTLP timestamps.
///
/// `clock_gettime` is served by the vDSO on Linux: no system call, no Foundation `Date`.
package enum WallClock {
    @inline(__always)
    package static func nowUnixNano() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// Monotonic nanoseconds, for deadlines and rate limits that must not jump with the wall clock.
    @inline(__always)
    package static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

/// A point on the monotonic clock by which work must be done.
public struct Deadline: Sendable, Comparable {
    /// Monotonic nanoseconds.
    let nanos: UInt64

    init(nanos: UInt64) { self.nanos = nanos }

    /// The deadline `duration` from now; a huge or negative duration saturates.
    public static func after(_ duration: Duration) -> Deadline {
        let now = WallClock.monotonicNanos()
        let (seconds, attos) = duration.components
        if seconds < 0 { return Deadline(nanos: now) }
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

extension Duration {
    /// Whole nanoseconds, saturating at `Int64.max`.
    package var nanoseconds: Int64 {
        let (seconds, attos) = components
        let (mul, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return mul &+ attos / 1_000_000_000
    }

    /// Whole milliseconds.
    package var milliseconds: Int64 { nanoseconds / 1_000_000 }

    /// Seconds, for rates and `Thread.sleep`.
    package var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
