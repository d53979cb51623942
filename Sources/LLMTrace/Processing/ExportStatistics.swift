/// What happened to the spans a processor was given.
///
/// Every span offered to an exporting processor ends in exactly one of `exported`, `dropped`,
/// `failed`, `rejected` or `ignoredAfterShutdown`, or is still `pending`.
public struct ExportStatistics: Sendable, Equatable, CustomStringConvertible {
    /// Spans accepted into the queue.
    public var queued = 0
    /// Spans the receiver acknowledged.
    public var exported = 0
    /// Spans dropped because the queue was full.
    public var dropped = 0
    /// Spans in batches whose export failed (after retries, or refused by status), by reason.
    public var failed = 0
    /// Spans the receiver refused in a partial-success answer.
    public var rejected = 0
    /// Spans ended after shutdown (in `TracerProvider.statistics`, also those started after it).
    public var ignoredAfterShutdown = 0
    /// `failed`, split by reason (`http 400`, `timeout`, `connection`, `shutdown`, ...).
    public var failedByReason: [String: Int] = [:]

    /// Creates empty statistics.
    public init() {}

    /// Spans queued but not yet exported or failed.
    public var pending: Int { queued - exported - failed - rejected }

    /// Spans that will never arrive: dropped, failed, rejected or ignored.
    public var lost: Int { dropped + failed + rejected + ignoredAfterShutdown }

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
        return sum
    }

    public var description: String {
        "queued=\(queued) exported=\(exported) dropped=\(dropped) failed=\(failed) rejected=\(rejected) ignoredAfterShutdown=\(ignoredAfterShutdown)"
    }
}
