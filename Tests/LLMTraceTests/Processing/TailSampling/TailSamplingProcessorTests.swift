import Foundation
import Logging
import Synchronization
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// A provider with sampling rules, an in-memory exporter behind a queue that never drops, fixed
/// ids and a manual clock.
private func makeProvider(
    sampler: any Sampler,
    clock: ManualClock = ManualClock(),
    seed: UInt64 = 1,
    _ configure: (inout SamplingRules) -> Void = { _ in }
) -> (TracerProvider, InMemorySpanExporter) {
    var configuration = TracingConfiguration()
    configuration.sampler = sampler
    configuration.samplingRules.decisionWait = .zero
    configure(&configuration.samplingRules)
    var batch = BatchConfiguration()
    batch.maxQueueSize = 1_000_000
    let exporter = InMemorySpanExporter()
    let provider = TracerProvider(
        configuration: configuration, processors: [BatchSpanProcessor(exporter: exporter, configuration: batch)],
        idGenerator: RandomIDGenerator(seed: seed), logger: Logger(label: "test"), clock: clock.read
    )
    return (provider, exporter)
}

private func rule(of span: SpanData) -> String? {
    if case .string(let rule)? = span.attributes[LLMTraceAttributes.samplingRule] { return rule }
    return nil
}

private func stringAttribute(_ span: [String: Any], _ key: String) -> String? {
    let attributes = span["attributes"] as? [[String: Any]] ?? []
    let value = attributes.first { $0["key"] as? String == key }?["value"] as? [String: Any]
    return value?["stringValue"] as? String
}

private func intAttribute(_ span: [String: Any], _ key: String) -> Int? {
    let attributes = span["attributes"] as? [[String: Any]] ?? []
    let value = attributes.first { $0["key"] as? String == key }?["value"] as? [String: Any]
    return (value?["intValue"] as? String).flatMap(Int.init)
}

@Suite struct TailSamplingProcessorTests {
    /// The headline case, end to end over HTTP with the configuration read from the
    /// environment: 10,000 traces of 4 spans, 1 % failing in a child span, ratio 0.01.
    ///
    /// Bound: the 9,900 traces without errors are kept independently with p = 0.01 (the trace
    /// ids are uniform), so the count is Binomial(9900, 0.01): mean 99, σ ≈ 9.9. We accept
    /// 99 ± 4.5σ, i.e. 54...144 (a false failure once in ~150,000 seeds); with the fixed seed
    /// the outcome is fixed, and it must also equal exactly what the ratio sampler says for each id.
    @Test func tenThousandTracesKeepEveryErrorTraceWholeAndAboutOnePercentOfTheRest() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let configuration = TracingConfiguration(environment: [
            "OTEL_SERVICE_NAME": "sampling-test",
            "OTEL_TRACES_SAMPLER": "parentbased_traceidratio",
            "OTEL_TRACES_SAMPLER_ARG": "0.01",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": receiver.url,
            "OTEL_METRICS_EXPORTER": "prometheus",
            "OTEL_BSP_MAX_QUEUE_SIZE": "100000",
            "OTEL_BSP_SCHEDULE_DELAY": "50",
        ])
        #expect(configuration.warnings.isEmpty)
        let provider = TracerProvider(configuration: configuration, processors: nil, idGenerator: RandomIDGenerator(seed: 2026), logger: Logger(label: "test"), clock: WallClock.monotonicNanos)
        let tracer = provider.tracer("rag")
        let ratio = TraceIDRatioBasedSampler(ratio: 0.01)

        var errorTraces = Set<String>()
        var expectedRatioKept = Set<String>()
        for index in 0..<10_000 {
            tracer.withSpan("rag_pipeline", attributes: ["trace.index": .int(index)]) { root in
                let id = root.context.traceID
                tracer.withSpan("retrieval") { _ in }
                tracer.withSpan("reranking") { _ in }
                tracer.withSpan("generation") { generation in
                    if index % 100 == 37 {
                        errorTraces.insert(id.hexString)
                        // Half fail by status alone, half by an exception event alone: either counts.
                        if index % 200 == 37 {
                            generation.setStatus(.error(description: "rate limited"))
                        } else {
                            generation.addEvent("exception", attributes: ["exception.type": "Timeout"])
                        }
                    } else if ratio.keeps(id) {
                        expectedRatioKept.insert(id.hexString)
                    }
                }
            }
        }
        #expect(provider.shutdown(timeout: .seconds(20)))

        let byTrace = Dictionary(grouping: receiver.spans) { $0["traceId"] as? String ?? "" }
        #expect(errorTraces.count == 100)
        for id in errorTraces {
            let spans = byTrace[id] ?? []
            #expect(spans.count == 4, "error trace \(id) arrived with \(spans.count) spans")
            let root = spans.first { $0["name"] as? String == "rag_pipeline" }
            #expect(root.flatMap { stringAttribute($0, "llmtrace.sampling.rule") } == "error")
        }
        let otherKept = Set(byTrace.keys).subtracting(errorTraces)
        #expect(otherKept == expectedRatioKept)
        #expect((54...144).contains(otherKept.count), "ratio kept \(otherKept.count) of 9900")
        for id in otherKept {
            let spans = byTrace[id] ?? []
            #expect(Set(spans.compactMap { $0["name"] as? String }) == ["rag_pipeline", "retrieval", "reranking", "generation"])
            // The head sampler's own choice is named too.
            let root = spans.first { $0["name"] as? String == "rag_pipeline" }
            #expect(root != nil && root.flatMap { stringAttribute($0, "llmtrace.sampling.rule") } == "ratio")
        }
        #expect(byTrace.values.allSatisfy { $0.count == 4 })

        let statistics = try #require(provider.samplingStatistics)
        #expect(statistics.tracesKept == ["error": 100, "ratio": otherKept.count])
        #expect(statistics.tracesDropped == 10_000 - 100 - otherKept.count)
        #expect(statistics.spansDropped == 4 * statistics.tracesDropped)
        #expect(statistics.earlyDecisions.isEmpty)
        #expect(statistics.pendingTraces == 0)
        #expect(provider.statistics.exported == 4 * (100 + otherKept.count))
        #expect(provider.statistics.lost == 0)
    }

    @Test func slowAndAttributeSumRulesKeepExactlyTheTracesThatCrossTheirThresholds() {
        let (provider, exporter) = makeProvider(sampler: AlwaysOffSampler()) { rules in
            rules.keepErrors = false
            rules.slowThreshold = .milliseconds(500)
            rules.attributeSums = [AttributeSumRule(key: "gen_ai.usage.cost", threshold: 1.0)]
        }
        let tracer = provider.tracer("t")
        let t0: UInt64 = 1_767_225_600_000_000_000
        let ms: UInt64 = 1_000_000
        // (name, root duration, costs on two children)
        let cases: [(String, UInt64, [Double])] = [
            ("fast-cheap", 100 * ms, [0.2, 0.3]),
            ("just-under", 500 * ms - 1, [0.5, 0.4999]),
            ("at-slow", 500 * ms, [0, 0]),
            ("very-slow", 40_000 * ms, [0.1]),
            ("at-cost", 10 * ms, [0.6, 0.4]),
            ("costly", 10 * ms, [2.0]),
            ("int-ignored", 10 * ms, []),
        ]
        for (name, duration, costs) in cases {
            let root = tracer.startSpan(name, parent: .root, startTime: t0)
            for cost in costs {
                let child = tracer.startSpan("generation", parent: .span(root), attributes: ["gen_ai.usage.cost": .double(cost)], startTime: t0)
                child.end(time: t0 + 1)
            }
            if name == "int-ignored" {
                // A string value is not numeric: it must not count.
                let child = tracer.startSpan("generation", parent: .span(root), attributes: ["gen_ai.usage.cost": "5"], startTime: t0)
                child.end(time: t0 + 1)
            }
            root.end(time: t0 + duration)
        }
        provider.forceFlush()
        let roots = exporter.spans.filter { $0.parentSpanID == nil }
        let kept = Dictionary(uniqueKeysWithValues: roots.map { ($0.name, rule(of: $0)) })
        #expect(kept == ["at-slow": "slow", "very-slow": "slow", "at-cost": "attribute:gen_ai.usage.cost", "costly": "attribute:gen_ai.usage.cost"])
        // Kept whole: every child of a kept trace arrives, with the sampled flag set.
        #expect(exporter.spans.count == 3 + 2 + 3 + 2)
        #expect(exporter.spans.allSatisfy { $0.context.isSampled })
        #expect(exporter.spans.filter { $0.parentSpanID != nil }.allSatisfy { rule(of: $0) == nil })
        #expect(provider.samplingStatistics?.tracesDropped == 3)
    }

    @Test func aFloodOfNeverEndingTracesStaysWithinThePendingLimitAndIsDecidedByAge() throws {
        let clock = ManualClock()
        let (provider, exporter) = makeProvider(sampler: AlwaysOffSampler(), clock: clock) { rules in
            rules.maxPendingTraces = 100
            rules.maxTraceAge = .seconds(10)
        }
        let tracer = provider.tracer("t")
        var roots: [Span] = []
        for index in 0..<1000 {
            let root = tracer.startSpan("never-ends", parent: .root)
            let child = tracer.startSpan("child", parent: .span(root))
            if index % 10 == 0 { child.setStatus(.error(description: "boom")) }
            child.end()
            roots.append(root)
            #expect(provider.samplingStatistics!.pendingTraces <= 100)
        }
        var statistics = try #require(provider.samplingStatistics)
        #expect(statistics.pendingTraces == 100)
        #expect(statistics.earlyDecisions == ["pending_traces": 900])

        provider.tailSampling!.sweep()
        #expect(provider.samplingStatistics!.pendingTraces == 100, "not old enough yet")
        clock.advance(.seconds(10))
        provider.tailSampling!.sweep()
        statistics = try #require(provider.samplingStatistics)
        #expect(statistics.pendingTraces == 0)
        #expect(statistics.pendingSpans == 0)
        #expect(statistics.earlyDecisions == ["pending_traces": 900, "max_age": 100])
        #expect(statistics.tracesKept == ["error": 100])
        #expect(statistics.tracesDropped == 900)

        // The roots end at last: each follows its trace's decision, and a kept root says why,
        // and that the decision came early.
        for root in roots { root.end() }
        provider.forceFlush()
        statistics = try #require(provider.samplingStatistics)
        #expect(statistics.lateSpansKept == 100)
        #expect(statistics.lateSpansDropped == 900)
        let keptRoots = exporter.spans.filter { $0.name == "never-ends" }
        #expect(keptRoots.count == 100)
        #expect(keptRoots.allSatisfy { rule(of: $0) == "error" })
        #expect(keptRoots.filter { $0.attributes[LLMTraceAttributes.samplingEarly] == "pending_traces" }.count == 90)
        #expect(keptRoots.filter { $0.attributes[LLMTraceAttributes.samplingEarly] == "max_age" }.count == 10)
        #expect(exporter.spans.count == 200)
    }

    @Test func spanLimitsDecideEarlyAndLaterSpansFollow() throws {
        let (provider, exporter) = makeProvider(sampler: AlwaysOffSampler()) { rules in
            rules.maxSpansPerTrace = 5
            rules.maxPendingSpans = 12
        }
        let tracer = provider.tracer("t")
        // One big trace: decided when its fifth span ends; the error comes later and cannot save it.
        let big = tracer.startSpan("big", parent: .root)
        for index in 0..<8 {
            let child = tracer.startSpan("step", parent: .span(big))
            if index == 6 { child.setStatus(.error(description: "too late")) }
            child.end()
        }
        big.end()
        // Three open traces of four spans each: the third overflows the 12-span budget.
        var open: [Span] = []
        for _ in 0..<4 {
            let root = tracer.startSpan("open", parent: .root)
            for _ in 0..<4 { tracer.startSpan("step", parent: .span(root)).end() }
            open.append(root)
            #expect(provider.samplingStatistics!.pendingSpans <= 12)
        }
        let statistics = try #require(provider.samplingStatistics)
        #expect(statistics.earlyDecisions["trace_spans"] == 1)
        #expect(statistics.earlyDecisions["pending_spans"] == 1)
        #expect(statistics.lateSpansDropped == 4) // 3 steps + the root of "big"
        #expect(statistics.pendingTraces == 3)
        for root in open { root.end() }
        provider.forceFlush()
        #expect(exporter.spans.isEmpty)
        #expect(provider.samplingStatistics!.tracesDropped == 5)
    }

    @Test func theSameTraceIDGetsTheSameDecisionInTwoProviders() {
        func flags(seed: UInt64) -> [(TraceID, Bool)] {
            let (provider, _) = makeProvider(sampler: ParentBasedSampler(root: TraceIDRatioBasedSampler(ratio: 0.25)), seed: seed)
            let tracer = provider.tracer("t")
            return (0..<2000).map { _ in
                let span = tracer.startSpan("root", parent: .root)
                defer { span.end() }
                return (span.context.traceID, span.context.isSampled)
            }
        }
        let first = flags(seed: 99)
        let second = flags(seed: 99)
        #expect(first.map(\.0) == second.map(\.0))
        #expect(first.map(\.1) == second.map(\.1))
        // And a provider that sees the id from another process agrees with the one that made it.
        let fresh = TraceIDRatioBasedSampler(ratio: 0.25)
        #expect(first.allSatisfy { fresh.keeps($0.0) == $0.1 })
        let fraction = Double(first.filter(\.1).count) / 2000
        #expect(fraction > 0.2 && fraction < 0.3)
    }

    @Test func theFlagSentDownstreamSaysWhatThisProcessWillDo() throws {
        let (provider, exporter) = makeProvider(sampler: ParentBasedSampler(root: AlwaysOffSampler()))
        let tracer = provider.tracer("t")

        // The ratio said no: recorded (the rules may still keep it), sampled bit 0 downstream
        // (02: only the W3C random-id bit).
        let dropped = tracer.startSpan("head-dropped", parent: .root)
        #expect(dropped.isRecording)
        var headers: [String: String] = [:]
        tracer.inject(into: &headers, context: dropped.context)
        #expect(headers["traceparent"]?.hasSuffix("-02") == true)
        let child = tracer.startSpan("child", parent: .span(dropped))
        #expect(child.isRecording && !child.context.isSampled)
        child.end()
        dropped.end()

        // An incoming sampled parent keeps the trace whatever the ratio (counted as "parent",
        // unmarked), flag 01.
        let sampledParent = try #require(tracer.extract(from: ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]))
        let server = tracer.startSpan("server", kind: .server, parent: .context(sampledParent))
        headers = [:]
        tracer.inject(into: &headers, context: server.context)
        #expect(headers["traceparent"]?.hasSuffix("-01") == true)
        server.end()

        // An incoming unsampled parent: recorded, and kept if it fails (rule "error").
        let unsampledParent = try #require(tracer.extract(from: ["traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"]))
        let failing = tracer.startSpan("failing-server", kind: .server, parent: .context(unsampledParent))
        failing.recordError(type: "RateLimitError", message: "429 from provider", errorType: "rate_limit")
        failing.end()

        provider.forceFlush()
        let names = Dictionary(uniqueKeysWithValues: exporter.spans.map { ($0.name, rule(of: $0)) })
        #expect(names == ["server": "parent", "failing-server": "error"], "every kept root names its rule, the head sampler's included")
        #expect(provider.samplingStatistics?.tracesKept == ["parent": 1, "error": 1])
        #expect(exporter.spans.allSatisfy { $0.context.isSampled })
    }

    @Test func lateChildrenWithinTheWaitCountAndLaterOnesFollowTheDecision() throws {
        let clock = ManualClock()
        let (provider, exporter) = makeProvider(sampler: AlwaysOffSampler(), clock: clock) { rules in
            rules.decisionWait = .milliseconds(100)
        }
        let tracer = provider.tracer("t")
        let root = tracer.startSpan("root", parent: .root)
        let background = tracer.startSpan("background", parent: .span(root))
        let afterDecision = tracer.startSpan("after", parent: .span(root))
        root.end()
        clock.advance(.milliseconds(50))
        provider.tailSampling!.sweep()
        #expect(exporter.spans.isEmpty && provider.samplingStatistics!.pendingTraces == 1, "still waiting")
        background.setStatus(.error(description: "failed after the root returned"))
        background.end()
        clock.advance(.milliseconds(50))
        provider.tailSampling!.sweep()
        afterDecision.end()
        provider.forceFlush()
        #expect(Set(exporter.spans.map(\.name)) == ["root", "background", "after"])
        let statistics = try #require(provider.samplingStatistics)
        #expect(statistics.tracesKept == ["error": 1])
        #expect(statistics.lateSpansKept == 1)
        #expect(statistics.earlyDecisions.isEmpty)
    }

    @Test func theRatioCapLimitsRatioKeptTracesButErrorsKeepTheirFloor() throws {
        let clock = ManualClock()
        let (provider, exporter) = makeProvider(sampler: AlwaysOnSampler(), clock: clock) { rules in
            rules.maxTracesPerSecond = 5
            rules.ruleTracesPerSecondFloor = 20
        }
        let tracer = provider.tracer("t")
        var flags: [Bool] = []
        for _ in 0..<30 {
            tracer.withSpan("ok", parent: .root) { flags.append($0.context.isSampled) }
        }
        #expect(flags.filter { $0 }.count == 5)
        #expect(flags.prefix(5).allSatisfy { $0 })
        // 40 failing traces at the same instant: the cap is used up, but errors have their own
        // budget of max(cap, floor) = 20 per second.
        for _ in 0..<40 {
            tracer.withSpan("failing", parent: .root) { $0.setStatus(.error(description: "x")) }
        }
        clock.advance(.seconds(1))
        tracer.withSpan("ok-next-second", parent: .root) { #expect($0.context.isSampled) }
        provider.forceFlush()
        let statistics = try #require(provider.samplingStatistics)
        #expect(statistics.tracesOverRatioCap == 25 + 40)
        #expect(statistics.tracesKept == ["ratio": 6, "error": 20])
        #expect(statistics.tracesOverRuleBudget == 20)
        #expect(exporter.spans.count == 26)
    }

    @Test func shutdownDecidesOpenTracesAndFlushLeavesThemWaiting() throws {
        let (provider, exporter) = makeProvider(sampler: AlwaysOffSampler())
        let tracer = provider.tracer("t")
        let root = tracer.startSpan("open", parent: .root)
        let child = tracer.startSpan("child", parent: .span(root))
        child.recordError(type: "Timeout", message: "provider timed out")
        child.end()
        provider.forceFlush()
        #expect(exporter.spans.isEmpty, "the trace waits for its root")
        #expect(provider.shutdown(timeout: .seconds(5)))
        #expect(exporter.spans.map(\.name) == ["child"])
        #expect(provider.samplingStatistics?.earlyDecisions == ["shutdown": 1])
        root.end()
        #expect(provider.statistics.ignoredAfterShutdown == 1)
    }

    @Test func headDropsAreRecordedOnlyWhileARuleIsOn() {
        let (withRules, _) = makeProvider(sampler: AlwaysOffSampler())
        #expect(withRules.tracer("t").startSpan("x", parent: .root).isRecording)
        var plain = TracingConfiguration()
        plain.sampler = AlwaysOffSampler()
        plain.samplingRules.keepErrors = false
        plain.metrics.exporters = []
        let withoutRules = TracerProvider(configuration: plain, processors: [])
        #expect(!withoutRules.tracer("t").startSpan("x", parent: .root).isRecording)
        #expect(withoutRules.samplingStatistics == nil)
        // Metrics count every span, so with them on the head's drops are recorded, never sampled.
        plain.metrics.exporters = [.prometheus]
        let withMetrics = TracerProvider(configuration: plain, processors: [])
        let span = withMetrics.tracer("t").startSpan("x", parent: .root)
        #expect(span.isRecording && !span.context.isSampled)
    }
}
