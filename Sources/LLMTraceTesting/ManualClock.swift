internal import LLMTraceSupport
import Synchronization

/// A monotonic clock that a test moves by hand, so that the sampling rules' waits and trace
/// ages are decided deterministically, without sleeping.
///
/// Pass it to `TestTracing.provider(clock:_:)`; it starts at one second.
public final class ManualClock: Sendable {
    private let nanos = Atomic<UInt64>(1_000_000_000)

    /// A clock at one second.
    public init() {}

    /// The time now, in nanoseconds.
    public var now: UInt64 { nanos.load(ordering: .relaxed) }

    /// The clock as the provider reads it.
    public var read: @Sendable () -> UInt64 { { [self] in now } }

    /// Moves the clock forward by `duration`.
    public func advance(_ duration: Duration) {
        nanos.wrappingAdd(UInt64(max(0, duration.nanoseconds)), ordering: .relaxed)
    }
}
