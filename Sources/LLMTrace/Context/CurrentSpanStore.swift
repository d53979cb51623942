internal import LLMTraceSupport
import Synchronization

/// Where the current span (and baggage) is kept, when something other than LLMTrace's own
/// task-local values keeps it: another context system that LLMTrace must share one current span
/// with.
///
/// The swift-distributed-tracing backend installs one (`TraceContext.install(_:)`) that keeps
/// the span in the Tracing API's `InstrumentationContext`, so a span started through either API
/// finds the innermost span of both as its parent.
@_spi(Integration)
public protocol CurrentSpanStore: Sendable {
    /// The span current where this runs: `nil` when the store holds nothing (what was bound
    /// before it was installed applies), `.some(nil)` when it holds "no span".
    func currentSpan() -> Span??
    /// Runs `body` with `span` current.
    func withCurrentSpan<R>(_ span: Span?, _ body: () throws -> R) rethrows -> R
    /// Runs async `body` with `span` current, in it and in the tasks it starts.
    func withCurrentSpan<R>(_ span: Span?, isolation: isolated (any Actor)?, _ body: () async throws -> R) async rethrows -> R
    /// The W3C baggage current where this runs; `nil` when the store holds none.
    func currentBaggage() -> [String: String]?
    /// Runs `body` with `baggage` current.
    func withBaggage<R>(_ baggage: [String: String], _ body: () throws -> R) rethrows -> R
    /// Runs async `body` with `baggage` current.
    func withBaggage<R>(_ baggage: [String: String], isolation: isolated (any Actor)?, _ body: () async throws -> R) async rethrows -> R
}

/// The installed store, read on every lookup of the current span: one atomic load while none is
/// installed.
enum CurrentSpanStoreSlot {
    private static let isInstalled = Atomic<Bool>(false)
    private static let slot = Locked<(any CurrentSpanStore)?>(nil)
    // Written once, under `slot`'s lock, before `isInstalled` is published with release
    // ordering; read only after an acquiring load of it saw `true`.
    nonisolated(unsafe) private static var store: (any CurrentSpanStore)?

    @inline(__always)
    static var installed: (any CurrentSpanStore)? {
        isInstalled.load(ordering: .acquiring) ? store : nil
    }

    static func install(_ newStore: any CurrentSpanStore) {
        slot.withLock { current in
            guard current == nil else { return }
            current = newStore
            store = newStore
            isInstalled.store(true, ordering: .releasing)
        }
    }
}
