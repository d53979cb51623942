import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct SamplerTests {
    func parameters(_ traceID: TraceID, parent: SpanContext? = nil) -> SamplingParameters {
        SamplingParameters(parentContext: parent, traceID: traceID, name: "op", kind: .internal)
    }

    @Test func ratioIsDeterministicAndNearTheRatio() {
        let sampler = TraceIDRatioBasedSampler(ratio: 0.25)
        let other = TraceIDRatioBasedSampler(ratio: 0.25)
        let generator = RandomIDGenerator()
        var kept = 0
        for _ in 0..<20_000 {
            let id = generator.newTraceID()
            let decision = sampler.shouldSample(parameters(id)).decision
            #expect(decision == other.shouldSample(parameters(id)).decision)
            if decision == .recordAndSample { kept += 1 }
        }
        // Binomial(20000, 0.25): sd ≈ 61; allow 6 sd.
        #expect(abs(kept - 5000) < 370)
    }

    @Test func ratioIsMonotone() {
        let generator = RandomIDGenerator()
        let low = TraceIDRatioBasedSampler(ratio: 0.1)
        let high = TraceIDRatioBasedSampler(ratio: 0.5)
        for _ in 0..<5000 {
            let id = generator.newTraceID()
            if low.keeps(id) { #expect(high.keeps(id)) }
        }
        #expect(TraceIDRatioBasedSampler(ratio: 1).keeps(TraceID(high: 0, low: .max)))
        #expect(!TraceIDRatioBasedSampler(ratio: 0).keeps(TraceID(high: 0, low: 1)))
    }

    @Test func ratioDecisionsCarryTheirThresholdInTraceState() {
        let sampler = TraceIDRatioBasedSampler(ratio: 0.05)
        let generator = RandomIDGenerator()
        var sampled = 0
        for _ in 0..<4000 {
            let id = generator.newTraceID()
            let result = sampler.shouldSample(parameters(id))
            if result.decision == .recordAndSample {
                sampled += 1
                #expect(result.traceState?.header == "ot=th:f33333")
                #expect((id.low & 0x00FF_FFFF_FFFF_FFFF) >= 0xf3333300000000)
            } else {
                #expect(result.traceState == nil)
            }
        }
        #expect(sampled > 0)
        // Without ParentBased the ratio decides under a parent too: its rv is the randomness,
        // and a threshold the parent carried is replaced, or erased when this sampler drops.
        let id = TraceID(high: 1, low: 0)
        let keptByRV = SpanContext(traceID: id, spanID: SpanID(1), traceFlags: [.sampled], traceState: TraceState(header: "ot=th:8;rv:ffffffffffffff,v=1")!, isRemote: true)
        let kept = sampler.shouldSample(parameters(id, parent: keptByRV))
        #expect(kept.decision == .recordAndSample)
        #expect(kept.traceState?.header == "ot=th:f33333;rv:ffffffffffffff,v=1")
        let droppedByRV = SpanContext(traceID: id, spanID: SpanID(1), traceFlags: [.sampled], traceState: TraceState(header: "v=1,ot=th:0;rv:00000000000001")!, isRemote: true)
        let dropped = sampler.shouldSample(parameters(id, parent: droppedByRV))
        #expect(dropped.decision == .drop)
        #expect(dropped.traceState?.header == "ot=rv:00000000000001,v=1")
    }

    @Test func sampledTracesExportTheThresholdOnEverySpan() {
        let (provider, exporter) = TestTracing.provider {
            $0.sampler = ParentBasedSampler(root: TraceIDRatioBasedSampler(ratio: 0.5))
            $0.samplingRules.keepErrors = false
        }
        let tracer = provider.tracer("t")
        for _ in 0..<40 {
            tracer.withSpan("root") { _ in tracer.withSpan("child") { _ in } }
        }
        provider.forceFlush()
        #expect(!exporter.spans.isEmpty)
        #expect(exporter.spans.allSatisfy { $0.context.traceState.header == "ot=th:8" })
        // W3C propagation carries it to the next service.
        tracer.withSpan("root", parent: .root) { span in
            guard span.context.isSampled else { return }
            var headers: [String: String] = [:]
            W3CTraceContextPropagator().inject(span.context, into: &headers)
            #expect(headers["tracestate"] == "ot=th:8")
        }
    }

    @Test func parentBasedFollowsTheParent() {
        let sampler = ParentBasedSampler(root: AlwaysOffSampler())
        let id = TraceID(high: 1, low: 1)
        #expect(sampler.shouldSample(parameters(id)).decision == .drop)
        let sampledRemote = SpanContext(traceID: id, spanID: SpanID(1), traceFlags: [.sampled], isRemote: true)
        let unsampledLocal = SpanContext(traceID: id, spanID: SpanID(1), traceFlags: [], isRemote: false)
        #expect(sampler.shouldSample(parameters(id, parent: sampledRemote)).decision == .recordAndSample)
        #expect(sampler.shouldSample(parameters(id, parent: unsampledLocal)).decision == .drop)
    }

    @Test func droppedSpansStillCarryTheTrace() {
        let (provider, exporter) = TestTracing.provider {
            $0.sampler = AlwaysOffSampler()
            $0.samplingRules.keepErrors = false // head sampling alone
            $0.metrics.exporters = [] // and no metrics, which record what the head drops
        }
        let tracer = provider.tracer("t")
        tracer.withSpan("root") { root in
            #expect(!root.isRecording)
            #expect(root.context.isValid)
            #expect(!root.context.isSampled)
            tracer.withSpan("child") { child in
                #expect(child.context.traceID == root.context.traceID)
            }
        }
        provider.forceFlush()
        #expect(exporter.spans.isEmpty)
    }
}
