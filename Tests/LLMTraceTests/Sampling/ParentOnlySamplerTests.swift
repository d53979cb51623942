import Testing
@testable import LLMTrace
import LLMTraceSupport
import LLMTraceTesting

/// The tracer takes a parent-only decision instead of calling `shouldSample`: the two must never
/// disagree, for any built-in sampler and any kind of parent.
@Suite struct ParentOnlySamplerTests {
    static let traceID = TraceID(high: 1, low: 2)

    static let parents: [SpanContext?] = [
        nil,
        SpanContext(traceID: traceID, spanID: SpanID(9), isSampled: true, isRemote: false),
        SpanContext(traceID: traceID, spanID: SpanID(9), isSampled: false, isRemote: false),
        SpanContext(traceID: traceID, spanID: SpanID(9), isSampled: true, isRemote: true),
        SpanContext(traceID: traceID, spanID: SpanID(9), isSampled: false, isRemote: true),
        SpanContext(traceID: traceID, spanID: .invalid, isSampled: true, isRemote: false),
    ]

    static let samplers: [(String, any Sampler)] = [
        ("always on", Samplers.alwaysOn),
        ("always off", Samplers.alwaysOff),
        ("parent-based always on", Samplers.parentBased(root: Samplers.alwaysOn)),
        ("parent-based always off", Samplers.parentBased(root: Samplers.alwaysOff)),
        ("parent-based ratio", Samplers.parentBased(root: Samplers.traceIDRatio(0.5))),
        ("parent-based, inverted children", Samplers.parentBased(
            root: Samplers.alwaysOn, remoteParentSampled: Samplers.alwaysOff, remoteParentNotSampled: Samplers.alwaysOn,
            localParentSampled: Samplers.alwaysOff, localParentNotSampled: Samplers.alwaysOn
        )),
        ("parent-based, a user's sampler for local parents", Samplers.parentBased(root: Samplers.alwaysOn, localParentSampled: FixedSampler(.recordOnly))),
        ("always record, trace as unit", AlwaysRecordSampler(Samplers.parentBased(root: Samplers.alwaysOff), followsLocalParent: true)),
        ("always record", AlwaysRecordSampler(Samplers.parentBased(root: Samplers.alwaysOff), followsLocalParent: false)),
        ("always record around a user's sampler", AlwaysRecordSampler(FixedSampler(.drop, attributes: ["why": "x"]), followsLocalParent: true)),
        ("always record around a ratio", AlwaysRecordSampler(Samplers.traceIDRatio(0.5), followsLocalParent: false)),
    ]

    @Test(arguments: samplers.indices)
    func theParentOnlyDecisionIsWhatShouldSampleReturns(_ index: Int) {
        let (label, sampler) = Self.samplers[index]
        for parent in Self.parents {
            guard let decision = ParentOnlyDecisions.of(sampler).decision(parent: parent) else { continue }
            let full = sampler.shouldSample(SamplingParameters(parentContext: parent, traceID: Self.traceID, name: "op", kind: .internal))
            #expect(full.decision == decision, "\(label), parent \(String(describing: parent))")
            #expect(full.attributes.isEmpty && full.traceState == nil, "\(label)")
        }
    }

    /// The default chain (the provider's always-record sampler around parent-based always on)
    /// decides every span from its parent; a ratio root or a user's sampler is asked in full.
    @Test func theDefaultChainNeverNeedsTheParametersAndOthersDoWhereTheyMust() {
        let defaults = AlwaysRecordSampler(Samplers.parentBased(root: Samplers.alwaysOn), followsLocalParent: true)
        for parent in Self.parents {
            #expect(defaults.parentOnlyDecisions.decision(parent: parent) != nil)
        }
        let ratio = Samplers.parentBased(root: Samplers.traceIDRatio(0.5)) as! any ParentOnlySampler
        #expect(ratio.parentOnlyDecisions.decision(parent: nil) == nil)
        #expect(ratio.parentOnlyDecisions.decision(parent: Self.parents[1]) == .recordAndSample)
        #expect(AlwaysRecordSampler(FixedSampler(.recordAndSample), followsLocalParent: false).parentOnlyDecisions == .none)
    }

    /// Through a provider: a user's sampler sees every span, even under a sampled local parent.
    @Test func aUsersSamplerIsAskedForEverySpan() {
        let sampler = FixedSampler(.recordAndSample)
        let (provider, exporter) = TestTracing.provider {
            $0.sampler = sampler
            $0.metrics.exporters = []
            $0.samplingRules.keepErrors = false
        }
        let tracer = provider.tracer("t")
        tracer.withSpan("root", parent: .root) { _ in
            tracer.startSpan("child").end()
        }
        #expect(provider.shutdown(timeout: .seconds(5)))
        #expect(sampler.calls == 2)
        #expect(exporter.spans.count == 2)
    }
}
