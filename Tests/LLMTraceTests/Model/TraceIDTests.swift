import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct TraceIDTests {
    @Test func hexRoundTripsAndRejectsBadInput() {
        let id = TraceID(high: 0x0123_4567_89ab_cdef, low: 0xfedc_ba98_7654_3210)
        #expect(id.hexString == "0123456789abcdeffedcba9876543210")
        #expect(TraceID(hex: id.hexString) == id)
        #expect(TraceID(hex: "0123456789ABCDEFfedcba9876543210") == nil)
        #expect(TraceID(hex: "0123456789ABCDEFfedcba9876543210", lowercaseOnly: false) == id)
        #expect(TraceID(hex: String(repeating: "0", count: 32)) == nil)
        #expect(TraceID(hex: "abc") == nil)
    }

    @Test func onlyTheAllZeroIDIsInvalid() {
        #expect(!TraceID.invalid.isValid)
        #expect(TraceID(high: 0, low: 1).isValid)
        #expect(TraceID(high: 1, low: 0).isValid)
        #expect(TraceID(high: 0, low: 1).description == "00000000000000000000000000000001")
    }
}
