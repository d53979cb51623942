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

    @Test func anOrdinarySpanHoldsNoExtras() {
        let span = SpanData(context: .invalid, name: "x", startTimeUnixNano: 1, endTimeUnixNano: 2, attributes: ["k": "v"], status: .ok)
        #expect(span.extras == nil, "no events, links, dropped counts or error description: nothing to hold apart")
        #expect(span.events.isEmpty && span.links.isEmpty)
        #expect(span.droppedAttributesCount == 0 && span.droppedEventsCount == 0 && span.droppedLinksCount == 0)
        #expect(span.status == .ok)
        #expect(SpanData(context: .invalid, name: "x", startTimeUnixNano: 1, endTimeUnixNano: 2, status: .error(description: "")).extras == nil)
    }

    @Test func aQueuedRecordStaysSmall() {
        // What a backlog holds per span beside its attribute list: 128 bytes since events,
        // links, dropped counts and an error's description moved behind one reference and the
        // context's one-byte fields were packed (192 before).
        #expect(MemoryLayout<SpanData>.stride <= 128)
        #expect(MemoryLayout<SpanContext>.size <= 34)
    }

    @Test func eachRarePartReadsBackWhatWasSet() {
        let linked = SpanContext(traceID: TraceID(high: 7, low: 8), spanID: SpanID(9), isSampled: true)
        let event = SpanEvent(name: "e", timeUnixNano: 5, attributes: ["a": 1], droppedAttributesCount: 2)
        let link = SpanLink(context: linked, attributes: ["why": "retry"], droppedAttributesCount: 3)
        let made = SpanData(
            context: .invalid, name: "x", startTimeUnixNano: 1, endTimeUnixNano: 2,
            droppedAttributesCount: 4, events: [event], droppedEventsCount: 5, links: [link], droppedLinksCount: 6,
            status: .error(description: "boom")
        )
        var set = SpanData(context: .invalid, name: "x", startTimeUnixNano: 1, endTimeUnixNano: 2)
        set.droppedAttributesCount = 4
        set.events = [event]
        set.droppedEventsCount = 5
        set.links = [link]
        set.droppedLinksCount = 6
        set.status = .error(description: "boom")
        for span in [made, set] {
            #expect(span.droppedAttributesCount == 4)
            #expect(span.events.map(\.name) == ["e"] && span.events[0].droppedAttributesCount == 2)
            #expect(span.droppedEventsCount == 5)
            #expect(span.links.map(\.context) == [linked] && span.links[0].droppedAttributesCount == 3)
            #expect(span.droppedLinksCount == 6)
            #expect(span.status == .error(description: "boom"))
        }
    }

    @Test func clearingTheRarePartsDropsTheirReference() {
        var span = SpanData(context: .invalid, name: "x", startTimeUnixNano: 1, endTimeUnixNano: 2, events: [SpanEvent(name: "e", timeUnixNano: 1)])
        span.status = .error(description: "boom")
        span.events = []
        #expect(span.extras != nil, "the error's description is still held")
        span.status = .ok
        #expect(span.status == .ok)
        #expect(span.extras == nil)
        span.status = .error(description: "")
        #expect(span.status == .error(description: ""))
        #expect(span.extras == nil)
    }

    @Test func aCopyKeepsItsOwnRareParts() {
        let original = SpanData(context: .invalid, name: "x", startTimeUnixNano: 1, endTimeUnixNano: 2, events: [SpanEvent(name: "first", timeUnixNano: 1)])
        var copy = original
        copy.events.append(SpanEvent(name: "second", timeUnixNano: 2))
        copy.droppedEventsCount += 1
        copy.status = .error(description: "only the copy")
        #expect(original.events.map(\.name) == ["first"])
        #expect(original.droppedEventsCount == 0)
        #expect(original.status == .unset)
        #expect(copy.events.map(\.name) == ["first", "second"])
        #expect(copy.droppedEventsCount == 1)
    }
}
