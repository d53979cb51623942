import Testing
import LLMTrace

@Suite struct ExportStatisticsTests {
    func statistics(queued: Int = 0, exported: Int = 0, dropped: Int = 0, failed: Int = 0, rejected: Int = 0, ignored: Int = 0, byReason: [String: Int] = [:]) -> ExportStatistics {
        var statistics = ExportStatistics()
        statistics.queued = queued
        statistics.exported = exported
        statistics.dropped = dropped
        statistics.failed = failed
        statistics.rejected = rejected
        statistics.ignoredAfterShutdown = ignored
        statistics.failedByReason = byReason
        return statistics
    }

    @Test func pendingIsWhatWasQueuedAndNotYetSettled() {
        #expect(statistics(queued: 10, exported: 4, failed: 2, rejected: 1).pending == 3)
    }

    @Test func lostCountsEverySpanThatWillNeverArrive() {
        #expect(statistics(queued: 10, exported: 4, dropped: 5, failed: 2, rejected: 1, ignored: 3).lost == 11)
    }

    @Test func sumsAddEveryCounterAndMergeReasons() {
        let sum = statistics(queued: 1, exported: 1, failed: 2, byReason: ["timeout": 2])
            + statistics(queued: 2, dropped: 1, failed: 1, ignored: 4, byReason: ["timeout": 1, "http 400": 0])
        #expect(sum == statistics(queued: 3, exported: 1, dropped: 1, failed: 3, ignored: 4, byReason: ["timeout": 3, "http 400": 0]))
    }

    @Test func descriptionListsTheCounters() {
        #expect(statistics(queued: 2, exported: 1).description == "queued=2 exported=1 dropped=0 failed=0 rejected=0 ignoredAfterShutdown=0")
    }
}
