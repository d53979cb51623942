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
        let sampler = AlwaysRecordSampler(FixedSampler(.drop, attributes: ["why": "ratio"]), followsLocalParent: false)
        let result = sampler.shouldSample(parameters())
        #expect(result.decision == .recordOnly)
        #expect(result.attributes["why"] == "ratio")
    }

    @Test func theDelegatesOtherDecisionsStand() {
        #expect(AlwaysRecordSampler(FixedSampler(.recordAndSample), followsLocalParent: true).shouldSample(parameters()).decision == .recordAndSample)
        #expect(AlwaysRecordSampler(FixedSampler(.recordOnly), followsLocalParent: true).shouldSample(parameters()).decision == .recordOnly)
    }

    @Test func withTraceAsUnitALocalParentDecidesWithoutAskingTheDelegate() {
        let delegate = FixedSampler(.drop)
        let sampler = AlwaysRecordSampler(delegate, followsLocalParent: true)
        #expect(sampler.shouldSample(parameters(parent: parent(sampled: true, remote: false))).decision == .recordAndSample)
        #expect(sampler.shouldSample(parameters(parent: parent(sampled: false, remote: false))).decision == .recordOnly)
        #expect(delegate.calls == 0)
    }

    @Test func withoutTraceAsUnitTheDelegateDecidesUnderALocalParentToo() {
        let delegate = FixedSampler(.recordAndSample, attributes: ["child": "yes"])
        let sampler = AlwaysRecordSampler(delegate, followsLocalParent: false)
        let result = sampler.shouldSample(parameters(parent: parent(sampled: false, remote: false)))
        #expect(result.decision == .recordAndSample)
        #expect(result.attributes["child"] == "yes")
        #expect(delegate.calls == 1)
    }

    @Test func remoteAndInvalidParentsAskTheDelegate() {
        let delegate = FixedSampler(.drop)
        let sampler = AlwaysRecordSampler(delegate, followsLocalParent: true)
        #expect(sampler.shouldSample(parameters(parent: parent(sampled: true, remote: true))).decision == .recordOnly)
        #expect(sampler.shouldSample(parameters(parent: .invalid)).decision == .recordOnly)
        #expect(delegate.calls == 2)
    }

    @Test func descriptionNamesTheDelegate() {
        #expect(AlwaysRecordSampler(Samplers.alwaysOff, followsLocalParent: false).description == "AlwaysRecord{AlwaysOffSampler}")
        #expect(AlwaysRecordSampler(Samplers.alwaysOff, followsLocalParent: true).description == "AlwaysRecord{AlwaysOffSampler, trace as unit}")
    }
}
