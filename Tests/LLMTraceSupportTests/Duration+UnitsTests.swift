import Testing
import LLMTraceSupport

@Suite struct DurationUnitsTests {
    @Test func nanosecondsAreWhole() {
        #expect(Duration.seconds(2).nanoseconds == 2_000_000_000)
        #expect(Duration.milliseconds(1500).nanoseconds == 1_500_000_000)
        #expect(Duration.nanoseconds(-5).nanoseconds == -5)
        #expect(Duration.zero.nanoseconds == 0)
    }

    @Test func nanosecondsSaturate() {
        #expect(Duration.seconds(Int64.max).nanoseconds == .max)
        #expect(Duration.seconds(Int64.min).nanoseconds == .min)
    }

    @Test func millisecondsAndSeconds() {
        #expect(Duration.milliseconds(1500).milliseconds == 1500)
        #expect(Duration.microseconds(1999).milliseconds == 1)
        #expect(Duration.milliseconds(-1500).milliseconds == -1500)
        #expect(Duration.milliseconds(1500).seconds == 1.5)
        #expect(Duration.milliseconds(250).seconds == 0.25)
    }
}
