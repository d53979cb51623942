/// Counters of the metrics aggregation.
struct MetricsStatistics: Sendable, Equatable {
    /// Spans that fed at least one metric.
    var spansCounted = 0
    /// Records that went to the overflow series because a metric had `maxSeriesPerMetric` sets.
    var overflowRecords = 0
    /// Pushes the receiver took.
    var exportsSucceeded = 0
    /// Pushes that failed (the next one carries the same cumulative values).
    var exportsFailed = 0

    /// Creates empty statistics.
    init() {}
}
