import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct IDsTests {
    @Test func randomIDsAreValidLowercaseHexAndDistinct() {
        let generator = RandomIDGenerator()
        var seen = Set<TraceID>()
        for _ in 0..<10_000 {
            let id = generator.newTraceID()
            #expect(id.isValid)
            #expect(id.hexString.count == 32)
            #expect(id.hexString == id.hexString.lowercased())
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
        let span = generator.newSpanID()
        #expect(span.isValid && span.hexString.count == 16)
    }

    @Test func lowHalvesAreSpreadEvenlyForRatioSampling() {
        let generator = RandomIDGenerator()
        var below = 0
        for _ in 0..<20_000 where generator.newTraceID().low < UInt64.max / 2 { below += 1 }
        // Binomial(20000, 0.5): 6 standard deviations is about ±424.
        #expect(abs(below - 10_000) < 424)
    }

    @Test func hexRoundTripsAndRejectsBadInput() {
        let id = TraceID(high: 0x0123_4567_89ab_cdef, low: 0xfedc_ba98_7654_3210)
        #expect(id.hexString == "0123456789abcdeffedcba9876543210")
        #expect(TraceID(hex: id.hexString) == id)
        #expect(TraceID(hex: "0123456789ABCDEFfedcba9876543210") == nil)
        #expect(TraceID(hex: "0123456789ABCDEFfedcba9876543210", lowercaseOnly: false) == id)
        #expect(TraceID(hex: String(repeating: "0", count: 32)) == nil)
        #expect(TraceID(hex: "abc") == nil)
        #expect(SpanID(hex: "00f067aa0ba902b7")?.value == 0x00f0_67aa_0ba9_02b7)
        #expect(SpanID(hex: "0000000000000000") == nil)
        #expect(SpanID(hex: "00f067aa0ba902bz") == nil)
    }
}
