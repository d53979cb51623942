/// What happened to the spans (or log records) a processor was given, and where the ones not
/// yet delivered are.
///
/// Every span offered to an exporting processor ends in exactly one of `exported`, `dropped`,
/// `failed`, `rejected`, `evicted` or `ignoredAfterShutdown`, or is still `pending`: in the
/// processor's queue, encoded in memory (`encoded`), or on disk (`spooled`). Spans found in a
/// spool left by an earlier process (`recovered`) join the books when this process takes them.
public struct ExportStatistics: Sendable, Equatable, CustomStringConvertible {
    /// Spans accepted into the queue.
    public var queued = 0
    /// Spans the receiver acknowledged.
    public var exported = 0
    /// Spans dropped because the processor's queue of spans was full (`OTEL_BSP_MAX_QUEUE_SIZE`).
    public var dropped = 0
    /// Spans in batches whose export failed for good, by reason: refused by status, left at
    /// shutdown without a spool, or (for a direct `export`) out of retries.
    public var failed = 0
    /// Spans the receiver refused in a partial-success answer.
    public var rejected = 0
    /// Spans ended after shutdown (in `TracerProvider.statistics`, also those started after it).
    public var ignoredAfterShutdown = 0
    /// `failed`, split by reason (`http 400`, `timeout`, `connection`, `shutdown`, ...).
    public var failedByReason: [String: Int] = [:]
    /// Spans already encoded that a byte bound pushed out, oldest first: the export queue
    /// (`LLMTRACE_EXPORT_QUEUE_MAX_BYTES`) or the spool (`LLMTRACE_SPOOL_MAX_BYTES`).
    public var evicted = 0
    /// `evicted`, split by reason (`export queue full`, `spool full`, `spool file damaged`,
    /// `sent by another process`).
    public var evictedByReason: [String: Int] = [:]
    /// Pending spans encoded into request bodies, waiting in memory or in flight.
    public var encoded = 0
    /// Pending spans in spool files (`LLMTRACE_SPOOL_DIR`): written by this process, or
    /// recovered from an earlier one, and not yet delivered.
    public var spooled = 0
    /// Spans this process took over from spool files an earlier (or another) process wrote.
    public var recovered = 0
    /// Spool files skipped because they were torn or damaged (deleted, never sent).
    public var spoolFilesSkipped = 0

    /// Creates empty statistics.
    public init() {}

    /// Spans not yet delivered or lost: in the queue, encoded in memory, or spooled.
    public var pending: Int { queued + recovered - exported - failed - rejected - evicted }

    /// Spans that will never arrive: dropped, failed, rejected, evicted or ignored.
    public var lost: Int { dropped + failed + rejected + evicted + ignoredAfterShutdown }

    /// Adds another processor's counts.
    public static func + (lhs: ExportStatistics, rhs: ExportStatistics) -> ExportStatistics {
        var sum = lhs
        sum.queued += rhs.queued
        sum.exported += rhs.exported
        sum.dropped += rhs.dropped
        sum.failed += rhs.failed
        sum.rejected += rhs.rejected
        sum.ignoredAfterShutdown += rhs.ignoredAfterShutdown
        sum.failedByReason.merge(rhs.failedByReason, uniquingKeysWith: +)
        sum.evicted += rhs.evicted
        sum.evictedByReason.merge(rhs.evictedByReason, uniquingKeysWith: +)
        sum.encoded += rhs.encoded
        sum.spooled += rhs.spooled
        sum.recovered += rhs.recovered
        sum.spoolFilesSkipped += rhs.spoolFilesSkipped
        return sum
    }

    public var description: String {
        var text = "queued=\(queued) exported=\(exported) dropped=\(dropped) failed=\(failed) rejected=\(rejected) ignoredAfterShutdown=\(ignoredAfterShutdown)"
        if evicted > 0 { text += " evicted=\(evicted)" }
        if encoded > 0 { text += " encoded=\(encoded)" }
        if spooled > 0 || recovered > 0 { text += " spooled=\(spooled) recovered=\(recovered)" }
        if spoolFilesSkipped > 0 { text += " spoolFilesSkipped=\(spoolFilesSkipped)" }
        return text
    }
}

extension ExportStatistics {
    /// Books the outcome of an export of `items`.
    mutating func record(_ result: ExportResult, items: Int) {
        switch result {
        case .success:
            exported += items
        case .partialSuccess(let rejected, _):
            let rejected = min(max(0, rejected), items)
            self.rejected += rejected
            exported += items - rejected
        case .failure(let error):
            failed += items
            failedByReason[error.reason, default: 0] += items
        }
    }
}
