import Testing
@testable import LLMTrace
import LLMTraceTesting

@Suite struct SpanDataTests {
    @Test func anEndBeforeTheStartIsMovedToTheStart() {
        let span = SpanData(context: .invalid, name: "x", startTimeUnixNano: 100, endTimeUnixNano: 50)
        #expect(span.endTimeUnixNano == 100)
        #expect(span.durationNanos == 0)
    }

    @Test func durationIsEndMinusStart() {
        #expect(SpanData.stub(name: "x").durationNanos == 1_000_000_000)
    }

    @Test func otlpFlagsCarryTheTraceFlagsAndWhetherTheParentIsRemote() {
        var span = SpanData.stub(name: "x")
        #expect(span.otlpFlags == 0x101)
        span.context.traceFlags = [.sampled, .random, TraceFlags(rawValue: 0x80)]
        #expect(span.otlpFlags == 0x103, "unknown trace flags are not sent")
        span.parentSpanID = SpanID(1)
        span.parentIsRemote = false
        #expect(span.otlpFlags == 0x103)
        span.parentIsRemote = true
        #expect(span.otlpFlags == 0x303)
    }

    @Test func durationIsZeroWhenTheEndIsMovedBeforeTheStartAfterwards() {
        var span = SpanData.stub(name: "s")
        span.endTimeUnixNano = span.startTimeUnixNano - 1
        #expect(span.durationNanos == 0)
    }
}
