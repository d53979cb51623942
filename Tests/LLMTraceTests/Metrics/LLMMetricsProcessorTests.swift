import Logging
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct LLMMetricsProcessorTests {
    /// The metrics stage in front of `next`: aggregated, never pushed, with a budget of
    /// 0.001 USD per hour.
    func stage(next: any SpanProcessor, eventCountLimit: Int = 128, attributeCountLimit: Int = 128, _ configure: (inout MetricsConfiguration) -> Void = { _ in }) -> LLMMetricsProcessor {
        var configuration = MetricsConfiguration()
        configuration.exporters = [.prometheus]
        configuration.costBudgetUSDPerHour = 0.001
        configure(&configuration)
        let logger = Logger(label: "test")
        let metrics = LLMMetrics(configuration: configuration, resource: .empty, logger: logger)
        let reader = MetricsReader(metrics: metrics, configuration: configuration, logger: logger)
        return LLMMetricsProcessor(metrics: metrics, reader: reader, next: next, eventCountLimit: eventCountLimit, attributeCountLimit: attributeCountLimit)
    }

    func chat(_ name: String, cost: Double, events: [SpanEvent] = []) -> SpanData {
        var span = SpanData.stub(name: name, sampled: false)
        span.attributes = [GenAI.operationName: .string(GenAI.operationChat), GenAI.usageCost: .double(cost)]
        span.events = events
        return span
    }

    @Test func everySpanReachesNextOnceSampledOrNot() {
        let next = RecordingProcessor("next")
        let stage = stage(next: next)
        stage.onEnd(chat("chat", cost: 0.0001))
        stage.onEnd(.stub(name: "plain"))
        stage.onEnd(.stub(name: "unsampled", sampled: false))
        #expect(next.ended.map(\.name) == ["chat", "plain", "unsampled"])
        #expect(stage.metrics.statistics.spansCounted == 1)
    }

    @Test func theSpanThatTakesTheHourOverTheBudgetCarriesTheEvent() throws {
        let next = RecordingProcessor("next")
        let stage = stage(next: next)
        for i in 0..<4 { stage.onEnd(chat("chat \(i)", cost: 0.0004)) }
        let marked = next.ended.filter { $0.events.contains { $0.name == LLMTraceAttributes.costBudgetExceededEvent } }
        #expect(marked.map(\.name) == ["chat 2"])
        let event = try #require(marked.first?.events.first)
        #expect(event.attributes[LLMTraceAttributes.costBudgetUSDPerHour] == .double(0.001))
        #expect(event.timeUnixNano == marked.first?.endTimeUnixNano)
    }

    @Test func atItsEventLimitTheSpanDropsTheBudgetEventAndCountsIt() {
        let next = RecordingProcessor("next")
        let stage = stage(next: next, eventCountLimit: 2)
        let full = [SpanEvent(name: "a", timeUnixNano: 1), SpanEvent(name: "b", timeUnixNano: 2)]
        stage.onEnd(chat("over", cost: 0.002, events: full))
        let span = next.ended[0]
        #expect(span.events.map(\.name) == ["a", "b"])
        #expect(span.droppedEventsCount == 1)
    }

    /// A span of trace `trace`: a local root when `parent` is nil.
    func span(_ name: String, trace: UInt64, id: UInt64, parent: UInt64?, attributes: Attributes = [:]) -> SpanData {
        var span = SpanData.stub(name: name, sampled: false, traceID: TraceID(high: 7, low: trace), spanID: id)
        span.parentSpanID = parent.map(SpanID.init)
        span.parentIsRemote = parent.map { _ in false }
        span.attributes = attributes
        return span
    }

    func call(cost: Double, input: Int, output: Int) -> Attributes {
        [GenAI.operationName: .string(GenAI.operationChat), GenAI.usageCost: .double(cost),
         GenAI.usageInputTokens: .int(input), GenAI.usageOutputTokens: .int(output)]
    }

    @Test func theLocalRootCarriesItsTracesModelCallTotals() throws {
        let next = RecordingProcessor("next")
        let stage = stage(next: next) { $0.costBudgetUSDPerHour = nil }
        // Two interleaved traces; only trace 1's calls count on its root.
        stage.onEnd(span("chat a", trace: 1, id: 2, parent: 1, attributes: call(cost: 0.25, input: 100, output: 10)))
        stage.onEnd(span("chat x", trace: 2, id: 2, parent: 1, attributes: call(cost: 8, input: 1, output: 1)))
        stage.onEnd(span("retrieval", trace: 1, id: 3, parent: 1))
        stage.onEnd(span("chat b", trace: 1, id: 4, parent: 3, attributes: call(cost: 0.5, input: 200, output: 20)))
        stage.onEnd(span("workflow", trace: 1, id: 1, parent: nil, attributes: [GenAI.operationName: .string(GenAI.operationInvokeWorkflow)]))
        let root = try #require(next.ended.first { $0.name == "workflow" })
        #expect(root.attributes[LLMTraceAttributes.traceCost] == .double(0.75))
        #expect(root.attributes[LLMTraceAttributes.traceInputTokens] == .int(300))
        #expect(root.attributes[LLMTraceAttributes.traceOutputTokens] == .int(30))
        // Children carry nothing new.
        #expect(next.ended.filter { $0.name != "workflow" }.allSatisfy { $0.attributes[LLMTraceAttributes.traceCost] == nil })
        // A root that is itself a model call adds its own usage to its children's.
        stage.onEnd(span("chat y", trace: 2, id: 1, parent: nil, attributes: call(cost: 1, input: 2, output: 3)))
        let other = try #require(next.ended.first { $0.name == "chat y" })
        #expect(other.attributes[LLMTraceAttributes.traceCost] == .double(9))
        #expect(other.attributes[LLMTraceAttributes.traceInputTokens] == .int(3))
        // A lone model call, and a trace without any, get no totals.
        stage.onEnd(span("lone", trace: 3, id: 1, parent: nil, attributes: call(cost: 1, input: 1, output: 1)))
        stage.onEnd(span("plain", trace: 4, id: 1, parent: nil))
        #expect(next.ended.filter { ["lone", "plain"].contains($0.name) }.allSatisfy { $0.attributes[LLMTraceAttributes.traceCost] == nil })
        #expect(stage.metrics.traceTotals?.openTraces == 0)
    }

    @Test func traceTotalsRespectTheAttributeLimitAndCanBeTurnedOff() throws {
        let limited = RecordingProcessor("limited")
        let stage = stage(next: limited, attributeCountLimit: 2) { $0.costBudgetUSDPerHour = nil }
        stage.onEnd(span("chat", trace: 1, id: 2, parent: 1, attributes: call(cost: 0.1, input: 1, output: 1)))
        stage.onEnd(span("root", trace: 1, id: 1, parent: nil, attributes: ["a": .int(1)]))
        let root = try #require(limited.ended.last)
        #expect(root.attributes.count == 2)
        #expect(root.droppedAttributesCount == 2)

        let off = RecordingProcessor("off")
        let quiet = self.stage(next: off) { $0.costBudgetUSDPerHour = nil; $0.traceTotals = false }
        quiet.onEnd(span("chat", trace: 1, id: 2, parent: 1, attributes: call(cost: 0.1, input: 1, output: 1)))
        quiet.onEnd(span("root", trace: 1, id: 1, parent: nil))
        #expect(off.ended.last?.attributes[LLMTraceAttributes.traceCost] == nil)
        #expect(quiet.metrics.traceTotals == nil)
    }

    @Test func aKeyOverItsBudgetIsReportedOnceWithItsKey() throws {
        let next = RecordingProcessor("next")
        let stage = stage(next: next) { $0.costBudgetUSDPerHour = nil; $0.costBudgetUSDPerHourPerKey = 1 }
        for i in 0..<5 {
            var attributes = call(cost: 0.4, input: 1, output: 1)
            attributes["enduser.id"] = .string(i % 2 == 0 ? "heavy" : "light-\(i)")
            attributes[GenAI.usageCost] = .double(i % 2 == 0 ? 0.4 : 0.01)
            stage.onEnd(span("chat \(i)", trace: UInt64(i), id: 2, parent: 1, attributes: attributes))
        }
        // heavy: 0.4, 0.8, 1.2 at calls 0, 2, 4: the third is over 1 USD.
        let marked = next.ended.filter { $0.events.contains { $0.name == LLMTraceAttributes.costBudgetExceededEvent } }
        #expect(marked.map(\.name) == ["chat 4"])
        let event = try #require(marked.first?.events.first)
        #expect(event.attributes[LLMTraceAttributes.costBudgetKey] == .string("enduser.id"))
        #expect(event.attributes[LLMTraceAttributes.costBudgetUSDPerHour] == .double(1))
    }

    @Test func forceFlushAndShutdownReachNext() {
        let next = RecordingProcessor("next", flushResult: true, shutdownResult: false)
        let stage = stage(next: next)
        #expect(stage.forceFlush(timeout: .seconds(5)))
        #expect(!stage.shutdown(timeout: .seconds(5)))
        #expect(next.log.all == ["next.flush", "next.shutdown"])
    }

    @Test func startsAndStatisticsAreNexts() {
        var counts = ExportStatistics()
        counts.exported = 4
        let next = RecordingProcessor("next", startRequired: true, statistics: counts)
        let stage = stage(next: next)
        #expect(stage.isStartRequired)
        #expect(stage.needsUnsampledSpans)
        #expect(stage.statistics == counts)
        let span = Span(nonRecording: .invalid)
        stage.onStart(span, parentContext: nil)
        #expect(next.log.all == ["next.start "])
    }
}
