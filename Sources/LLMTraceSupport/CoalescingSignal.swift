import Dispatch

/// A wake-up that any thread can send to a handler on a Dispatch queue, without allocating:
/// signals sent before the handler runs are merged into one run.
///
/// The batch queue's "a full batch is waiting" comes from the application's thread at the end
/// of a span; `DispatchQueue.async` would allocate a block and a continuation there every time.
/// A Dispatch user-data source only sets a bit and wakes the queue.
public final class CoalescingSignal: Sendable {
    private let lifetime: DispatchSourceLifetime
    // Dispatch sources are thread-safe; the overlay just does not mark the protocol Sendable.
    nonisolated(unsafe) private let source: any DispatchSourceUserDataOr

    /// Makes the signal, not yet started: signals sent before `start` run the handler once
    /// it is started.
    public init(queue: DispatchQueue) {
        let source = DispatchSource.makeUserDataOrSource(queue: queue)
        self.source = source
        lifetime = DispatchSourceLifetime(source)
    }

    /// Runs `handler` on `queue` after signals; capture the owner weakly, or the signal keeps it
    /// alive. Only the first call counts.
    public func start(_ handler: @escaping @Sendable () -> Void) { lifetime.start(handler) }

    /// Asks for one run of the handler (merged with any other not yet run).
    public func signal() { source.or(data: 1) }

    /// Stops the handler from running again; a run in progress finishes. Signals after this do
    /// nothing.
    public func cancel() { lifetime.cancel() }
}
