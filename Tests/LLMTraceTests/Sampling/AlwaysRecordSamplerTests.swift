import Testing
@testable import LLMTrace
import LLMTraceSupport

@Suite struct AlwaysRecordSamplerTests {
    let traceID = TraceID(high: 1, low: 2)

    func parameters(parent: SpanContext? = nil) -> SamplingParameters {
        SamplingParameters(parentContext: parent, traceID: traceID, name: "op", kind: .internal)
    }

    func parent(sampled: Bool, remote: Bool) -> SpanContext {
        SpanContext(traceID: traceID, spanID: SpanID(9), isSampled: sampled, isRemote: remote)
    }

    @Test func aDropBecomesRecordOnlyAndKeepsTheDelegatesAttributes() {
        let sampler = AlwaysRecordSampler(FixedSampler(.drop, attributes: ["why": "ratio"]))
        let result = sampler.shouldSample(parameters())
        #expect(result.decision == .recordOnly)
        #expect(result.attributes["why"] == "ratio")
    }

    @Test func theDelegatesOtherDecisionsStand() {
        #expect(AlwaysRecordSampler(FixedSampler(.recordAndSample)).shouldSample(parameters()).decision == .recordAndSample)
        #expect(AlwaysRecordSampler(FixedSampler(.recordOnly)).shouldSample(parameters()).decision == .recordOnly)
    }

    @Test func aLocalParentDecidesWithoutAskingTheDelegate() {
        let delegate = FixedSampler(.drop)
        let sampler = AlwaysRecordSampler(delegate)
        #expect(sampler.shouldSample(parameters(parent: parent(sampled: true, remote: false))).decision == .recordAndSample)
        #expect(sampler.shouldSample(parameters(parent: parent(sampled: false, remote: false))).decision == .recordOnly)
        #expect(delegate.calls == 0)
    }

    @Test func remoteAndInvalidParentsAskTheDelegate() {
        let delegate = FixedSampler(.drop)
        let sampler = AlwaysRecordSampler(delegate)
        #expect(sampler.shouldSample(parameters(parent: parent(sampled: true, remote: true))).decision == .recordOnly)
        #expect(sampler.shouldSample(parameters(parent: .invalid)).decision == .recordOnly)
        #expect(delegate.calls == 2)
    }

    @Test func descriptionNamesTheDelegate() {
        #expect(AlwaysRecordSampler(Samplers.alwaysOff).description == "AlwaysRecord{AlwaysOffSampler}")
    }
}
