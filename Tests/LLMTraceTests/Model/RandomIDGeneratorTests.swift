import Testing
@testable import LLMTrace
import LLMTraceSupport

@Suite struct RandomIDGeneratorTests {
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

    @Test func theSameSeedRepeatsTheSameIDs() {
        let first = RandomIDGenerator(seed: 42)
        let second = RandomIDGenerator(seed: 42)
        let other = RandomIDGenerator(seed: 43)
        let ids = (0..<100).map { _ in first.newTraceID() }
        #expect(ids == (0..<100).map { _ in second.newTraceID() })
        #expect(ids != (0..<100).map { _ in other.newTraceID() })
        #expect(first.newSpanID() == second.newSpanID())
    }
}
