import Testing
@testable import LLMTrace
import LLMTraceSupport

@Suite struct SpanIDTests {
    @Test func hexRoundTripsAndRejectsBadInput() {
        #expect(SpanID(hex: "00f067aa0ba902b7")?.value == 0x00f0_67aa_0ba9_02b7)
        #expect(SpanID(hex: "0000000000000000") == nil)
        #expect(SpanID(hex: "00f067aa0ba902bz") == nil)
        #expect(SpanID(hex: "00F067AA0BA902B7") == nil)
        #expect(SpanID(hex: "00F067AA0BA902B7", lowercaseOnly: false)?.value == 0x00f0_67aa_0ba9_02b7)
        #expect(SpanID(hex: "00f067aa0ba902b") == nil)
        #expect(SpanID(0xAB).hexString == "00000000000000ab")
    }

    @Test func onlyZeroIsInvalid() {
        #expect(!SpanID.invalid.isValid)
        #expect(SpanID(1).isValid)
        #expect(SpanID(.max).description == "ffffffffffffffff")
    }
}
