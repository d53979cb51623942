import Testing
import LLMTraceSupport

@Suite struct PercentDecodingTests {
    @Test func decodesEscapesInEitherCase() {
        #expect(PercentDecoding.decode("%41%62c") == "Abc")
        #expect(PercentDecoding.decode("%c3%A9") == "é")
        #expect(PercentDecoding.decode("a%2Cb%3Dc") == "a,b=c")
    }

    @Test func textWithoutEscapesIsUnchanged() {
        #expect(PercentDecoding.decode("plain text") == "plain text")
        #expect(PercentDecoding.decode("") == "")
    }

    @Test func refusesBrokenEscapesAndBytesThatAreNotUTF8() {
        #expect(PercentDecoding.decode("%4") == nil)
        #expect(PercentDecoding.decode("%") == nil)
        #expect(PercentDecoding.decode("%zz") == nil)
        #expect(PercentDecoding.decode("%FF") == nil)
        #expect(PercentDecoding.decode("%C3") == nil)
    }
}
