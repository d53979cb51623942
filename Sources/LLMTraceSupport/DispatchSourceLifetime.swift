import Dispatch
import Synchronization

/// The rules of a Dispatch source's life, kept in one place for `RepeatingTimer` and
/// `CoalescingSignal`: its handler is set once, at `start`; a suspended source must never be
/// released (libdispatch traps), so one that never started is resumed before it is cancelled;
/// a cancelled one never runs its handler again.
final class DispatchSourceLifetime: Sendable {
    // Dispatch sources are thread-safe; the overlay just does not mark the protocol Sendable.
    nonisolated(unsafe) let source: any DispatchSourceProtocol
    private let started = Atomic<Bool>(false)

    init(_ source: any DispatchSourceProtocol) {
        self.source = source
    }

    /// Runs `handler` on every event from now on. Only the first call counts.
    func start(_ handler: @escaping @Sendable () -> Void) {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        source.setEventHandler(handler: handler)
        source.resume()
    }

    func cancel() { source.cancel() }

    deinit {
        if !started.load(ordering: .acquiring) { source.resume() }
        source.cancel()
    }
}
