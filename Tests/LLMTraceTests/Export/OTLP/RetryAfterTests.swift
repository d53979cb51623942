import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct RetryAfterTests {
    @Test func parsesSeconds() {
        #expect(RetryAfter.parse("5", nowUnixSeconds: 0) == .seconds(5))
        #expect(RetryAfter.parse(" 0 ", nowUnixSeconds: 0) == .seconds(0))
        #expect(RetryAfter.parse("-1", nowUnixSeconds: 0) == nil)
        #expect(RetryAfter.parse("soon", nowUnixSeconds: 0) == nil)
    }

    @Test func parsesTheThreeHTTPDateForms() {
        // 1994-11-06 08:49:37 UTC = 784111777
        for form in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
            #expect(RetryAfter.httpDate(form) == 784_111_777, "\(form)")
        }
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:40 GMT", nowUnixSeconds: 784_111_777) == .milliseconds(3000))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:30 GMT", nowUnixSeconds: 784_111_777) == .zero)
    }

    /// Inputs the fuzzer (Fuzz/, FuzzRetryAfter) found or that sit at the edges: an answer from a
    /// misbehaving receiver is unreadable or a wait, never a crash.
    @Test func hugeYearsAndWaitsAreRefusedOrClampedNotFatal() {
        #expect(RetryAfter.parse("Wed, 21 Oct 99999999999 07:28:00 GMT", nowUnixSeconds: 0) == nil)
        #expect(RetryAfter.parse("Wed, 21 Oct 9223372036854775807 07:28:00 GMT", nowUnixSeconds: 0) == nil)
        #expect(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", nowUnixSeconds: 0) == .seconds(253_402_300_799))
        #expect(RetryAfter.parse("99999999999999999", nowUnixSeconds: 0) == .seconds(99_999_999_999_999_999))
        #expect(RetryAfter.parse("99999999999999999", nowUnixSeconds: 0)?.nanoseconds == .max, "saturates where it is used")
    }
}
