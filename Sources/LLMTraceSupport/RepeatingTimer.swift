import Dispatch
import Synchronization

/// A Dispatch timer that fires every `interval` on a queue until cancelled or released.
///
/// The batch processor's schedule, the tail-sampling sweep and the metrics push share it, so
/// that the rules of a Dispatch timer (a suspended source must never be released, a cancelled
/// one never fires again) are kept in one place. Made in two steps, so that its owner can
/// create it in `init` and hand it a handler that captures the finished `self`.
public final class RepeatingTimer: Sendable {
    // Dispatch sources are thread-safe; the overlay just does not mark the protocol Sendable.
    nonisolated(unsafe) private let source: any DispatchSourceTimer
    private let started = Atomic<Bool>(false)

    /// Makes the timer, not yet running: the first firing comes one `interval` after `start`.
    /// - Parameters:
    ///   - queue: Where the handler runs.
    ///   - interval: Time between firings.
    ///   - leeway: How late a firing may be, so the system can coalesce wake-ups.
    public init(queue: DispatchQueue, interval: Duration, leeway: Duration) {
        source = DispatchSource.makeTimerSource(queue: queue)
        let every = DispatchTimeInterval.nanoseconds(Int(clamping: max(1, interval.nanoseconds)))
        source.schedule(deadline: .now() + every, repeating: every, leeway: .nanoseconds(Int(clamping: max(0, leeway.nanoseconds))))
    }

    /// Runs `handler` on every firing from now on; capture the owner weakly, or the timer keeps
    /// it alive. Only the first call counts.
    public func start(_ handler: @escaping @Sendable () -> Void) {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        source.setEventHandler(handler: handler)
        source.resume()
    }

    /// Stops the timer; a firing in progress finishes. Later calls do nothing.
    public func cancel() { source.cancel() }

    deinit {
        // Releasing a suspended source is a libdispatch error: resume one that never started.
        if !started.load(ordering: .acquiring) { source.resume() }
        source.cancel()
    }
}
