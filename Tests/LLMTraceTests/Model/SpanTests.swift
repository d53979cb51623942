import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct SpanTests {
    @Test func endIsIdempotentAndChangesAfterEndAreIgnored() {
        let (provider, exporter) = TestTracing.provider()
        let span = provider.tracer("t").startSpan("op")
        span.setAttribute("before", 1)
        span.end()
        span.setAttribute("after", 2)
        span.setStatus(.error(description: "late"))
        span.addEvent("late")
        span.updateName("renamed")
        span.end()
        provider.forceFlush()
        #expect(exporter.spans.count == 1)
        let data = exporter.spans[0]
        #expect(data.name == "op")
        #expect(data.attributes["before"] == .int(1))
        #expect(data.attributes["after"] == nil)
        #expect(data.status == .unset)
        #expect(data.events.isEmpty)
        #expect(data.endTimeUnixNano >= data.startTimeUnixNano)
    }

    @Test func typedAttributesOverwriteBySameKey() {
        // No sampling rules: their mark on kept roots is not what this test is about.
        let (provider, exporter) = TestTracing.provider { $0.samplingRules.keepErrors = false }
        let span = provider.tracer("t").startSpan("op", attributes: ["start": true])
        span.setAttribute("s", "text")
        span.setAttribute("i", 42)
        span.setAttribute("d", 0.5)
        span.setAttribute("b", false)
        span.setAttribute("sa", ["a", "b"])
        span.setAttribute("ia", [1, 2])
        span.setAttribute("da", [0.1])
        span.setAttribute("ba", [true])
        span.setAttribute("i", 43)
        span.end()
        provider.forceFlush()
        let attributes = exporter.spans[0].attributes
        #expect(attributes.map(\.key) == ["start", "s", "i", "d", "b", "sa", "ia", "da", "ba"])
        #expect(attributes["i"] == .int(43))
        #expect(attributes["sa"] == .stringArray(["a", "b"]))
        #expect(attributes["ba"] == .boolArray([true]))
    }

    @Test func statusFollowsTheAPIRules() {
        let (provider, exporter) = TestTracing.provider()
        let tracer = provider.tracer("t")
        let a = tracer.startSpan("a")
        a.setStatus(.error(description: "first"))
        a.setStatus(.unset)
        a.setStatus(.error(description: "second"))
        a.end()
        let b = tracer.startSpan("b")
        b.setStatus(.ok)
        b.setStatus(.error(description: "ignored"))
        b.end()
        provider.forceFlush()
        #expect(exporter.spans[0].status == .error(description: "second"))
        #expect(exporter.spans[1].status == .ok)
    }

    struct QuotaExceeded: Error, CustomStringConvertible {
        var description: String { "quota exceeded" }
    }

    @Test func recordErrorAddsExceptionEventStatusAndErrorType() {
        let (provider, exporter) = TestTracing.provider()
        let span = provider.tracer("t").startSpan("chat")
        span.recordError(QuotaExceeded(), errorType: "rate_limit")
        span.end()
        provider.forceFlush()
        let data = exporter.spans[0]
        #expect(data.status == .error(description: "quota exceeded"))
        #expect(data.attributes["error.type"] == "rate_limit")
        #expect(data.events.count == 1)
        #expect(data.events[0].name == "exception")
        #expect(data.events[0].attributes["exception.message"] == "quota exceeded")
        #expect(data.events[0].attributes["exception.type"]?.description.hasSuffix("QuotaExceeded") == true)
    }

    @Test func withSpanRecordsThrownErrorsAndRethrows() {
        let (provider, exporter) = TestTracing.provider()
        #expect(throws: QuotaExceeded.self) {
            try provider.tracer("t").withSpan("failing") { _ in throw QuotaExceeded() }
        }
        provider.forceFlush()
        #expect(exporter.spans[0].status.isError)
        #expect(exporter.spans[0].attributes["error.type"] != nil)
    }

    @Test func limitsDropAndCountAttributesEventsAndLinks() {
        let (provider, exporter) = TestTracing.provider { config in
            config.samplingRules.keepErrors = false // its mark on the root would count as one more dropped attribute
            config.limits.attributeCountLimit = 2
            config.limits.eventCountLimit = 1
            config.limits.linkCountLimit = 1
            config.limits.attributePerEventCountLimit = 1
        }
        let link = SpanLink(context: SpanContext(traceID: TraceID(high: 9, low: 9), spanID: SpanID(9)))
        let span = provider.tracer("t").startSpan("op", links: [link, link])
        span.setAttribute("a", 1)
        span.setAttribute("b", 2)
        span.setAttribute("c", 3)
        span.setAttribute("a", 10) // overwriting is not adding
        span.addEvent("e1", attributes: ["x": 1, "y": 2])
        span.addEvent("e2")
        span.end()
        provider.forceFlush()
        let data = exporter.spans[0]
        #expect(data.attributes.map(\.key) == ["a", "b"])
        #expect(data.attributes["a"] == .int(10))
        #expect(data.droppedAttributesCount == 1)
        #expect(data.events.count == 1)
        #expect(data.events[0].droppedAttributesCount == 1)
        #expect(data.droppedEventsCount == 1)
        #expect(data.links.count == 1)
        #expect(data.droppedLinksCount == 1)
    }

    @Test func valueLengthLimitCutsOnCharacterBoundaries() {
        let (provider, exporter) = TestTracing.provider { $0.limits.attributeValueLengthLimit = 3 }
        let span = provider.tracer("t").startSpan("op")
        span.setAttribute("emoji", "👍🏽é漢字x")
        span.setAttribute("array", ["ääää", "ok"])
        span.setAttribute("int", 123_456)
        span.end()
        provider.forceFlush()
        let attributes = exporter.spans[0].attributes
        #expect(attributes["emoji"] == "👍🏽é漢")
        #expect(attributes["array"] == .stringArray(["äää", "ok"]))
        #expect(attributes["int"] == .int(123_456))
    }

    @Test func invalidUTF8FromCIsRepairedNotPropagated() throws {
        let bytes: [UInt8] = [0x61, 0xFF, 0xC3, 0x28, 0x62]
        let text = String(decoding: bytes, as: UTF8.self)
        let body = OTLPJSONEncoder.encode([SpanData.stub(name: text)])
        #expect(String(validating: body, as: UTF8.self) != nil)
    }
}
