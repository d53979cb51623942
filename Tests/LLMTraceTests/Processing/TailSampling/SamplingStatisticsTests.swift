import Testing
import LLMTrace

@Suite struct SamplingStatisticsTests {
    @Test func totalKeptAddsEveryRule() {
        var statistics = SamplingStatistics()
        #expect(statistics.totalKept == 0)
        statistics.tracesKept = ["error": 2, "ratio": 5, "attribute:gen_ai.usage.cost": 1]
        #expect(statistics.totalKept == 8)
    }

    @Test func descriptionSortsTheRules() {
        var statistics = SamplingStatistics()
        statistics.tracesKept = ["slow": 1, "error": 2]
        statistics.earlyDecisions = ["shutdown": 1]
        statistics.tracesDropped = 4
        #expect(statistics.description == "kept[error=2,slow=1] dropped=4 early[shutdown=1] lateKept=0 lateDropped=0 pending=0")
    }
}
