import Dispatch
import Foundation
import LLMTrace
import LLMTraceTesting
import Synchronization
import LLMTraceSupport

/// What a child process reports: the app's side of the books.
struct AppResult: Codable {
    var offered = 0
    var exported = 0
    var queueFull = 0
    var rejected = 0
    var afterShutdown = 0
    var failedByReason: [String: Int] = [:]
    var evictedByReason: [String: Int] = [:]
    /// Spans in spool files: left at the end, or (in a progress report) written so far.
    var spooled = 0
    /// Spans taken over from an earlier process's spool.
    var recovered = 0
    var maxBlockedNanos: Int64 = 0
    var shutdownNanos: Int64 = 0
    var shutdownCompleted = true
    var peakRSSBytes = 0
    /// Provider churn only: growth between the first and the last rounds.
    var fdGrowth = 0
    var threadGrowth = 0
    var rssGrowthBytes = 0

    /// Spans the app's statistics count as lost, by reason.
    var droppedByReason: [String: Int] {
        var reasons = failedByReason
        if queueFull > 0 { reasons["queue full"] = queueFull }
        if rejected > 0 { reasons["rejected"] = rejected }
        if afterShutdown > 0 { reasons["after shutdown"] = afterShutdown }
        reasons.merge(evictedByReason, uniquingKeysWith: +)
        if spooled > 0 { reasons["left in the spool"] = spooled }
        return reasons
    }

    mutating func add(_ statistics: ExportStatistics) {
        exported += statistics.exported
        queueFull += statistics.dropped
        rejected += statistics.rejected
        afterShutdown += statistics.ignoredAfterShutdown
        failedByReason.merge(statistics.failedByReason, uniquingKeysWith: +)
        evictedByReason.merge(statistics.evictedByReason, uniquingKeysWith: +)
        spooled += statistics.spooled
        recovered += statistics.recovered
    }
}
