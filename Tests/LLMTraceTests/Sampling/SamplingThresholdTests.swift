import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct SamplingThresholdTests {
    @Test func everydayRatiosWriteShortThresholds() {
        let expected: [(Double, String)] = [
            (1, "0"), (0.5, "8"), (0.25, "c"), (0.1, "e6666"), (0.05, "f33333"), (0.01, "fd70a4"),
            (0.001, "ffbe76d"), (0.9, "1999a"), (0.999, "0041893"), (1.0 / 1024, "ffc"),
        ]
        for (probability, text) in expected {
            let threshold = SamplingThreshold(probability: probability)
            #expect(threshold?.text == text, "p=\(probability)")
            // Rounded to about one part in a million of the probability.
            if let threshold { #expect(abs(threshold.probability - probability) <= probability * 2e-5 + 1e-9, "p=\(probability)") }
        }
        #expect(SamplingThreshold(probability: 0) == nil)
        #expect(SamplingThreshold(probability: -1) == nil)
        #expect(SamplingThreshold(probability: .nan) == nil)
        #expect(SamplingThreshold(probability: 7)?.text == "0")
    }

    @Test func thresholdsReadBackAsWritten() {
        for probability in [0.3, 0.05, 0.0001, 0.77] {
            let threshold = SamplingThreshold(probability: probability)!
            #expect(SamplingThreshold(text: Substring(threshold.text)) == threshold)
        }
        #expect(SamplingThreshold(text: "fd70a4")?.value == 0xfd70a400000000)
        for bad in ["", "FD70", "xyz", "123456789012345", "-1"] {
            #expect(SamplingThreshold(text: Substring(bad)) == nil, "\(bad)")
        }
    }

    @Test func randomnessIsTheIdsLowSevenBytesUnlessAnRvIsGiven() {
        let id = TraceID(high: 1, low: 0xAB12_3456_789A_BCDE)
        #expect(SamplingThreshold.randomness(of: id, traceState: nil) == 0x12_3456_789A_BCDE)
        let withRV = TraceState(header: "vendor=x,ot=th:8;rv:6e6d1a75832a2f")
        #expect(SamplingThreshold.randomness(of: id, traceState: withRV) == 0x6e6d1a75832a2f)
        // An rv must be exactly 14 hex digits; anything else falls back to the id.
        let badRV = TraceState(header: "ot=rv:6e6d")
        #expect(SamplingThreshold.randomness(of: id, traceState: badRV) == 0x12_3456_789A_BCDE)
    }

    @Test func writingKeepsOtherEntriesAndSubkeysAndMovesOTFirst() {
        let threshold = SamplingThreshold(probability: 0.25)!
        let state = TraceState(header: "vendor=x,ot=rv:6e6d1a75832a2f;th:8;zz:1")!
        #expect(threshold.writing(into: state).header == "ot=th:c;rv:6e6d1a75832a2f;zz:1,vendor=x")
        #expect(threshold.writing(into: TraceState()).header == "ot=th:c")
        #expect(SamplingThreshold.erasing(from: state)?.header == "ot=rv:6e6d1a75832a2f;zz:1,vendor=x")
        #expect(SamplingThreshold.erasing(from: TraceState(header: "ot=th:8,vendor=x")!)?.header == "vendor=x")
        #expect(SamplingThreshold.erasing(from: TraceState(header: "vendor=x")!) == nil)
    }
}
