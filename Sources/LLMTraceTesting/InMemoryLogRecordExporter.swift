import LLMTrace
internal import LLMTraceSupport

/// Keeps exported log records in memory: for tests of code that logs or emits events.
///
/// Get one from `TestTracing.providerWithLogs`, call `forceFlush` on the provider, then read
/// `records`.
public final class InMemoryLogRecordExporter: LogRecordExporter {
    private let storage = Locked<[LogRecordData]>([])

    /// Creates an empty exporter.
    public init() {}

    /// Every record exported so far, in order.
    public var records: [LogRecordData] { storage.withLock { $0 } }

    /// Forgets the records exported so far.
    public func reset() { storage.withLock { $0.removeAll() } }

    public func export(_ batch: [LogRecordData], deadline: ContinuousClock.Instant) -> ExportResult {
        storage.withLock { $0.append(contentsOf: batch) }
        return .success
    }

    public func shutdown(deadline: ContinuousClock.Instant) {}
}
