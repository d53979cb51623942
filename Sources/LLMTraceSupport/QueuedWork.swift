import Dispatch

/// Work handed to a serial queue, behind whatever is already queued there, that a caller waits
/// for up to a timeout: how `forceFlush` and `shutdown` reach the thread that does the exporting.
///
/// The work gets a deadline a little before the caller's timeout (a tenth of it, at most
/// 100 ms), so that it gives up in time for the caller's wait to see it finish.
public struct QueuedWork: Sendable {
    private let done = DispatchSemaphore(value: 0)

    /// Queues `work` on `queue`.
    public init(on queue: DispatchQueue, timeout: Duration, _ work: @escaping @Sendable (Deadline) -> Void) {
        let timeoutNanos = max(0, timeout.nanoseconds)
        let deadline = Deadline.after(.nanoseconds(timeoutNanos - min(timeoutNanos / 10, 100_000_000)))
        let done = self.done
        queue.async {
            work(deadline)
            done.signal()
        }
    }

    /// Waits up to `timeout` for the work to finish; `true` if it did.
    public func wait(timeout: Duration) -> Bool {
        done.wait(timeout: .now() + .nanoseconds(Int(clamping: max(0, timeout.nanoseconds)))) == .success
    }

    /// Queues `work` on `queue` and waits for it, up to `timeout`.
    public static func run(on queue: DispatchQueue, timeout: Duration, _ work: @escaping @Sendable (Deadline) -> Void) -> Bool {
        QueuedWork(on: queue, timeout: timeout, work).wait(timeout: timeout)
    }
}
