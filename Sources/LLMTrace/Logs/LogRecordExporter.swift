/// Sends batches of log records somewhere: the log counterpart of `SpanExporter`.
public protocol LogRecordExporter: Sendable {
    /// Exports `batch` by `deadline`; called from one background queue, one batch at a time.
    func export(_ batch: [LogRecordData], deadline: ContinuousClock.Instant) -> ExportResult
    /// Finishes what is in flight.
    func forceFlush(deadline: ContinuousClock.Instant) -> Bool
    /// Stops; later exports fail at once.
    func shutdown(deadline: ContinuousClock.Instant)
}

extension LogRecordExporter {
    public func forceFlush(deadline: ContinuousClock.Instant) -> Bool { true }
}
