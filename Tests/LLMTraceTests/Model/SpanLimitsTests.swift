import Testing
@testable import LLMTrace

@Suite struct SpanLimitsTests {
    @Test func theDefaultsAreTheSpecs() {
        let limits = SpanLimits()
        #expect(limits.attributeCountLimit == 128)
        #expect(limits.attributeValueLengthLimit == nil)
        #expect(limits.eventCountLimit == 128)
        #expect(limits.linkCountLimit == 128)
    }

    @Test func limitKeepsTheFirstKeysAndCountsTheRest() {
        let (kept, dropped) = SpanLimits().limit(["a": 1, "b": 2, "c": 3], countLimit: 2)
        #expect(kept.map(\.key) == ["a", "b"])
        #expect(dropped == 1)
    }

    @Test func limitCutsStringsToTheLengthLimit() {
        var limits = SpanLimits()
        limits.attributeValueLengthLimit = 2
        let (kept, dropped) = limits.limit(["s": "abc", "n": 12_345], countLimit: 10)
        #expect(kept["s"] == "ab")
        #expect(kept["n"] == 12_345)
        #expect(dropped == 0)
    }
}
