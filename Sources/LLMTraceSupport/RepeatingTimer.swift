import Dispatch

/// A Dispatch timer that fires every `interval` on a queue until cancelled or released.
///
/// The batch processor's schedule, the tail-sampling sweep and the metrics push share it. Made
/// in two steps, so that its owner can create it in `init` and hand it a handler that captures
/// the finished `self`.
public final class RepeatingTimer: Sendable {
    private let lifetime: DispatchSourceLifetime

    /// Makes the timer, not yet running: the first firing comes one `interval` after `start`.
    /// - Parameters:
    ///   - queue: Where the handler runs.
    ///   - interval: Time between firings.
    ///   - leeway: How late a firing may be, so the system can coalesce wake-ups.
    public init(queue: DispatchQueue, interval: Duration, leeway: Duration) {
        let source = DispatchSource.makeTimerSource(queue: queue)
        let every = DispatchTimeInterval.nanoseconds(Int(clamping: max(1, interval.nanoseconds)))
        source.schedule(deadline: .now() + every, repeating: every, leeway: .nanoseconds(Int(clamping: max(0, leeway.nanoseconds))))
        lifetime = DispatchSourceLifetime(source)
    }

    /// Runs `handler` on every firing from now on; capture the owner weakly, or the timer keeps
    /// it alive. Only the first call counts.
    public func start(_ handler: @escaping @Sendable () -> Void) { lifetime.start(handler) }

    /// Stops the timer; a firing in progress finishes. Later calls do nothing.
    public func cancel() { lifetime.cancel() }
}
