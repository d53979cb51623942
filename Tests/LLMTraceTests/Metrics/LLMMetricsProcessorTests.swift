import Logging
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct LLMMetricsProcessorTests {
    /// The metrics stage in front of `next`: aggregated, never pushed, with a budget of
    /// 0.001 USD per hour.
    func stage(next: any SpanProcessor, eventCountLimit: Int = 128) -> LLMMetricsProcessor {
        var configuration = MetricsConfiguration()
        configuration.exporters = [.prometheus]
        configuration.costBudgetUSDPerHour = 0.001
        let logger = Logger(label: "test")
        let metrics = LLMMetrics(configuration: configuration, resource: .empty, logger: logger)
        let reader = MetricsReader(metrics: metrics, configuration: configuration, logger: logger)
        return LLMMetricsProcessor(metrics: metrics, reader: reader, next: next, eventCountLimit: eventCountLimit)
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
