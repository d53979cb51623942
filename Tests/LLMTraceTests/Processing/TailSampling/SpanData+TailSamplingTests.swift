import Testing
@testable import LLMTrace

@Suite struct SpanDataTailSamplingTests {
    @Test func aLocalRootHasNoParentOrARemoteOne() {
        #expect(SpanData.ended("root", trace: 1, id: 1).isLocalRoot)
        #expect(SpanData.ended("server", trace: 1, id: 2, parent: 9, remoteParent: true).isLocalRoot)
        #expect(!SpanData.ended("child", trace: 1, id: 3, parent: 1).isLocalRoot)
    }

    @Test func aSpanFailedWithAnErrorStatusOrAnExceptionEvent() {
        #expect(SpanData.ended("x", trace: 1, id: 1, failed: true).hasFailed)
        #expect(SpanData.ended("x", trace: 1, id: 1, events: [SpanEvent(name: OTelAttributes.exceptionEvent, timeUnixNano: 1)]).hasFailed)
        #expect(!SpanData.ended("x", trace: 1, id: 1, events: [SpanEvent(name: "retry", timeUnixNano: 1)]).hasFailed)
    }

    @Test func markKeptWritesTheRuleAndTheEarlyCause() {
        var span = SpanData.ended("root", trace: 1, id: 1)
        span.markKept(by: .slow, early: nil, limit: 128)
        #expect(span.samplingRule == "slow" && span.samplingEarly == nil)
        span.markKept(by: .attributeSum(key: "gen_ai.usage.cost"), early: .maxAge, limit: 128)
        #expect(span.samplingRule == "attribute:gen_ai.usage.cost")
        #expect(span.samplingEarly == "max_age")
    }

    @Test func marksRespectTheAttributeCountLimit() {
        var span = SpanData.ended("root", trace: 1, id: 1, attributes: ["a": 1, "b": 2])
        span.markKept(by: .ratio, early: .maxAge, limit: 2)
        #expect(span.samplingRule == nil && span.attributes.count == 2 && span.droppedAttributesCount == 2)
        var roomy = SpanData.ended("root", trace: 1, id: 1, attributes: ["a": 1])
        roomy.markKept(by: .ratio, early: nil, limit: 2)
        #expect(roomy.samplingRule == "ratio" && roomy.droppedAttributesCount == 0)
    }

    @Test func markedSampledSetsOnlyTheSampledFlag() {
        var span = SpanData.ended("x", trace: 1, id: 1)
        span.context.traceFlags = [.random]
        let marked = span.markedSampled()
        #expect(marked.context.traceFlags == [.random, .sampled])
        #expect(!span.context.isSampled)
        #expect(marked.context.spanID == span.context.spanID)
    }
}
