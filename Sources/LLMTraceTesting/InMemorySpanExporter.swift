import LLMTrace
internal import LLMTraceSupport

/// Keeps exported spans in memory: for tests of code that creates spans.
///
/// Put it behind a `BatchSpanProcessor` (or use `TestTracing`), call `forceFlush` on the
/// provider, then read `spans`.
public final class InMemorySpanExporter: SpanExporter {
    private let storage = Locked<[SpanData]>([])

    /// Creates an empty exporter.
    public init() {}

    /// Every span exported so far, in order.
    public var spans: [SpanData] { storage.withLock { $0 } }

    /// Forgets the spans exported so far.
    public func reset() { storage.withLock { $0.removeAll() } }

    public func export(_ batch: [SpanData], deadline: ContinuousClock.Instant) -> ExportResult {
        storage.withLock { $0.append(contentsOf: batch) }
        return .success
    }
}
