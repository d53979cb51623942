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
public enum WallClock {
    @inlinable @inline(__always)
    public static func nowUnixNano() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// Monotonic nanoseconds, for deadlines and rate limits that must not jump with the wall clock.
    @inlinable @inline(__always)
    public static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
