import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// Samples the spans whose name starts with `keep`, drops the rest.
private struct ByNameSampler: Sampler {
    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        SamplingResult(parameters.name.hasPrefix("keep") ? .recordAndSample : .drop)
    }
    var description: String { "ByName" }
}

@Suite struct RateLimitedSamplerTests {
    let traceID = TraceID(high: 1, low: 2)

    func decide(_ sampler: RateLimitedSampler, _ name: String = "keep", parent: SpanContext? = nil) -> SamplingDecision {
        sampler.shouldSample(SamplingParameters(parentContext: parent, traceID: traceID, name: name, kind: .internal)).decision
    }

    func decisions(_ sampler: RateLimitedSampler, _ count: Int) -> [SamplingDecision] {
        (0..<count).map { _ in decide(sampler) }
    }

    @Test func allowsTheRateWithABurstOfOneSecondsWorth() {
        let clock = ManualClock()
        let sampler = RateLimitedSampler(Samplers.alwaysOn, tracesPerSecond: 3, clock: clock.read)
        #expect(decisions(sampler, 5) == [.recordAndSample, .recordAndSample, .recordAndSample, .drop, .drop])
        #expect(sampler.refused == 2)
        clock.advance(.seconds(1))
        #expect(decisions(sampler, 4) == [.recordAndSample, .recordAndSample, .recordAndSample, .drop])
        // A quiet spell saves up no more than one second's worth.
        clock.advance(.seconds(10))
        #expect(decisions(sampler, 4).filter { $0 == .recordAndSample }.count == 3)
        #expect(sampler.refused == 4)
    }

    @Test func refillsInProportionToTheTimePassed() {
        let clock = ManualClock()
        let sampler = RateLimitedSampler(Samplers.alwaysOn, tracesPerSecond: 4, clock: clock.read)
        #expect(decisions(sampler, 4).allSatisfy { $0 == .recordAndSample })
        clock.advance(.milliseconds(500))
        #expect(decisions(sampler, 3) == [.recordAndSample, .recordAndSample, .drop])
    }

    @Test func localAndSampledRemoteParentsAreNeverCharged() {
        let clock = ManualClock()
        let sampler = RateLimitedSampler(Samplers.alwaysOn, tracesPerSecond: 1, clock: clock.read)
        #expect(decide(sampler) == .recordAndSample) // the one token
        let local = SpanContext(traceID: traceID, spanID: SpanID(5), isSampled: true, isRemote: false)
        let sampledRemote = SpanContext(traceID: traceID, spanID: SpanID(6), isSampled: true, isRemote: true)
        for _ in 0..<5 {
            #expect(decide(sampler, parent: local) == .recordAndSample)
            #expect(decide(sampler, parent: sampledRemote) == .recordAndSample)
        }
        #expect(sampler.refused == 0)
        // An unsampled remote parent starts this process's part of the trace: it is charged.
        let unsampledRemote = SpanContext(traceID: traceID, spanID: SpanID(7), isSampled: false, isRemote: true)
        #expect(decide(sampler, parent: unsampledRemote) == .drop)
        #expect(decide(sampler) == .drop)
        #expect(sampler.refused == 2)
    }

    @Test func tracesTheDelegateDidNotSampleCostNoToken() {
        let clock = ManualClock()
        let sampler = RateLimitedSampler(ByNameSampler(), tracesPerSecond: 1, clock: clock.read)
        for _ in 0..<5 { #expect(decide(sampler, "skip") == .drop) }
        #expect(sampler.refused == 0)
        #expect(decide(sampler, "keep") == .recordAndSample)
        #expect(decide(sampler, "keep") == .drop)
        #expect(sampler.refused == 1)
        let recordOnly = RateLimitedSampler(FixedSampler(.recordOnly), tracesPerSecond: 1, clock: clock.read)
        #expect(decisions(recordOnly, 3) == [.recordOnly, .recordOnly, .recordOnly])
        #expect(recordOnly.refused == 0)
    }

    @Test func descriptionNamesTheCapAndTheDelegate() {
        let sampler = RateLimitedSampler(Samplers.alwaysOn, tracesPerSecond: 2.5, clock: { 0 })
        #expect(sampler.description == "RateLimited{2.5/s, AlwaysOnSampler}")
    }
}
