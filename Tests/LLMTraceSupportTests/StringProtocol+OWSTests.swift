import Testing
import LLMTraceSupport

@Suite struct StringProtocolOWSTests {
    @Test func trimsSpacesAndTabsAtBothEnds() {
        #expect(" \tgzip \t".trimmingOWS() == "gzip")
        #expect("a b".trimmingOWS() == "a b")
        #expect("plain".trimmingOWS() == "plain")
    }

    @Test func leavesOtherWhitespaceAlone() {
        #expect("\nvalue\r\n".trimmingOWS() == "\nvalue\r\n")
    }

    @Test func blankBecomesEmpty() {
        #expect("".trimmingOWS().isEmpty)
        #expect(" \t \t".trimmingOWS().isEmpty)
    }

    @Test func worksOnSubstrings() {
        let header = "key = value"
        let value = header[header.index(after: header.firstIndex(of: "=")!)...]
        #expect(value.trimmingOWS() == "value")
    }
}
