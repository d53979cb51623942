import Testing
@testable import LLMTrace
import LLMTraceSupport

@Suite struct SamplersTests {
    func parameters(_ traceID: TraceID = TraceID(high: 1, low: 2), parent: SpanContext? = nil) -> SamplingParameters {
        SamplingParameters(parentContext: parent, traceID: traceID, name: "op", kind: .internal)
    }

    func parent(sampled: Bool, remote: Bool) -> SpanContext {
        SpanContext(traceID: TraceID(high: 1, low: 2), spanID: SpanID(3), isSampled: sampled, isRemote: remote)
    }

    @Test func alwaysOnSamplesAndAlwaysOffDrops() {
        #expect(Samplers.alwaysOn.shouldSample(parameters()).decision == .recordAndSample)
        #expect(Samplers.alwaysOff.shouldSample(parameters()).decision == .drop)
    }

    @Test func parentBasedFollowsTheParentAndAsksTheRootForNewTraces() {
        for root in [Samplers.alwaysOn, Samplers.alwaysOff] {
            let sampler = Samplers.parentBased(root: root)
            #expect(sampler.shouldSample(parameters()).decision == root.shouldSample(parameters()).decision)
            #expect(sampler.shouldSample(parameters(parent: .invalid)).decision == root.shouldSample(parameters()).decision)
            #expect(sampler.shouldSample(parameters(parent: parent(sampled: true, remote: true))).decision == .recordAndSample)
            #expect(sampler.shouldSample(parameters(parent: parent(sampled: false, remote: true))).decision == .drop)
            #expect(sampler.shouldSample(parameters(parent: parent(sampled: true, remote: false))).decision == .recordAndSample)
            #expect(sampler.shouldSample(parameters(parent: parent(sampled: false, remote: false))).decision == .drop)
        }
    }

    @Test func parentBasedDelegatesEachKindOfParentToItsSampler() {
        func tagged(_ tag: String) -> any Sampler { FixedSampler(.recordOnly, attributes: ["by": .string(tag)]) }
        let sampler = Samplers.parentBased(
            root: tagged("root"),
            remoteParentSampled: tagged("remote-sampled"),
            remoteParentNotSampled: tagged("remote-not-sampled"),
            localParentSampled: tagged("local-sampled"),
            localParentNotSampled: tagged("local-not-sampled")
        )
        func by(_ parent: SpanContext?) -> AttributeValue? { sampler.shouldSample(parameters(parent: parent)).attributes["by"] }
        #expect(by(nil) == "root")
        #expect(by(parent(sampled: true, remote: true)) == "remote-sampled")
        #expect(by(parent(sampled: false, remote: true)) == "remote-not-sampled")
        #expect(by(parent(sampled: true, remote: false)) == "local-sampled")
        #expect(by(parent(sampled: false, remote: false)) == "local-not-sampled")
    }

    @Test func traceIDRatioIsMonotoneAndDecidedByTheLowHalf() {
        let ids = (1...4000).map { TraceID(high: UInt64($0), low: UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
        let ratios = [0.0, 0.1, 0.5, 0.9, 1.0].map(Samplers.traceIDRatio)
        for id in ids {
            let kept = ratios.map { $0.shouldSample(parameters(id)).decision == .recordAndSample }
            // Once a ratio keeps an id, every higher ratio keeps it too.
            #expect(kept == kept.sorted { !$0 && $1 })
        }
        #expect(ids.allSatisfy { ratios[0].shouldSample(parameters($0)).decision == .drop })
        #expect(ids.allSatisfy { ratios[4].shouldSample(parameters($0)).decision == .recordAndSample })
        // Ratio 0.5 keeps exactly the ids whose rightmost 56 bits are at least 2^55 (threshold
        // `8`), whatever the bytes before them.
        let half = Samplers.traceIDRatio(0.5)
        #expect(half.shouldSample(parameters(TraceID(high: .max, low: 0x0080_0000_0000_0000))).decision == .recordAndSample)
        #expect(half.shouldSample(parameters(TraceID(high: 0, low: 0xFF7F_FFFF_FFFF_FFFF))).decision == .drop)
    }

    @Test func ratiosOutsideTheUnitIntervalAreClamped() {
        #expect(Samplers.traceIDRatio(1.5).description == "TraceIdRatioBased{1.0}")
        #expect(Samplers.traceIDRatio(-1).description == "TraceIdRatioBased{0.0}")
        #expect(Samplers.traceIDRatio(.nan).description == "TraceIdRatioBased{0.0}")
        #expect(Samplers.traceIDRatio(.nan).shouldSample(parameters(TraceID(high: 0, low: 0))).decision == .drop)
    }

    @Test func descriptionsNameTheSpecSamplers() {
        #expect(Samplers.alwaysOn.description == "AlwaysOnSampler")
        #expect(Samplers.alwaysOff.description == "AlwaysOffSampler")
        #expect(Samplers.traceIDRatio(0.25).description == "TraceIdRatioBased{0.25}")
        #expect(Samplers.parentBased(root: Samplers.traceIDRatio(0.25)).description == "ParentBased{root=TraceIdRatioBased{0.25}}")
    }
}
