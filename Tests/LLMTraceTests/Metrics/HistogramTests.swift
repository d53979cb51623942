import Testing
@testable import LLMTrace

@Suite struct HistogramTests {
    @Test func eachBucketCountsValuesUpToItsBoundInclusive() {
        var histogram = Histogram(bounds: [1, 4, 16])
        for value in [0.5, 1, 1.0001, 4, 16, 17, 1e9] { histogram.record(value) }
        #expect(histogram.bucketCounts == [2, 2, 1, 2])
        #expect(histogram.count == 7)
    }

    @Test func keepsSumMinAndMax() {
        var histogram = Histogram(bounds: [10])
        #expect(histogram.count == 0 && histogram.sum == 0)
        for value in [3.0, -2, 8] { histogram.record(value) }
        #expect(histogram.sum == 9)
        #expect(histogram.min == -2)
        #expect(histogram.max == 8)
    }

    @Test func hasOneBucketMoreThanBounds() {
        #expect(Histogram(bounds: LLMMetrics.tokenBounds).bucketCounts.count == LLMMetrics.tokenBounds.count + 1)
        #expect(Histogram(bounds: []).bucketCounts == [0])
    }
}
