import Testing
@testable import LLMTrace
import LLMTraceTesting

/// Spans are moved, not copied, between the stages of the default chain; every shape of chain
/// must still deliver each span once to each exporting processor, with the roots' totals and
/// marks, and counters that agree.
@Suite struct SpanHandOverTests {
    struct Shape: CustomTestStringConvertible, Sendable {
        var metrics: Bool
        var rules: Bool
        var exporters: Int
        var testDescription: String { "metrics \(metrics ? "on" : "off"), rules \(rules ? "on" : "off"), \(exporters) exporter(s)" }
    }

    static let shapes: [Shape] = [true, false].flatMap { metrics in
        [true, false].flatMap { rules in [1, 2].map { Shape(metrics: metrics, rules: rules, exporters: $0) } }
    }

    @Test(arguments: shapes)
    func everySpanReachesEachExporterOnceWithItsMarks(_ shape: Shape) throws {
        var configuration = TracingConfiguration()
        configuration.metrics.exporters = shape.metrics ? [.prometheus] : []
        configuration.samplingRules.keepErrors = shape.rules
        configuration.samplingRules.decisionWait = .zero
        let exporters = (0..<shape.exporters).map { _ in InMemorySpanExporter() }
        configuration.logs.exporters = []
        let provider = TracerProvider(configuration: configuration, processors: exporters.map { BatchSpanProcessor(exporter: $0) })
        #expect(SpanHandOverTests.isHandedOver(provider) == (shape.exporters == 1 || shape.metrics || shape.rules))
        let tracer = provider.tracer("t")
        let traces = 60
        for index in 0..<traces {
            tracer.withSpan("rag", parent: .root) { _ in
                let chat = tracer.startSpan("chat m")
                chat.setAttribute(GenAI.operationName, GenAI.operationChat)
                chat.setAttribute(GenAI.requestModel, "m")
                chat.setAttribute(GenAI.usageCost, 0.001)
                // Every tenth trace fails: the sampling stage takes it through its lock.
                if index % 10 == 3 { chat.setStatus(.error(description: "boom")) }
                chat.end()
            }
        }
        #expect(provider.shutdown(timeout: .seconds(10)))
        for exporter in exporters {
            let spans = exporter.spans
            #expect(spans.count == 2 * traces)
            #expect(Set(spans.map(\.context.spanID)).count == 2 * traces)
            let roots = spans.filter(\.isLocalRoot)
            #expect(roots.count == traces)
            #expect(roots.allSatisfy { ($0.attributes[LLMTraceAttributes.traceCost] != nil) == shape.metrics })
            #expect(roots.allSatisfy { ($0.attributes[LLMTraceAttributes.samplingRule] != nil) == shape.rules })
            if shape.rules {
                #expect(roots.filter { $0.attributes[LLMTraceAttributes.samplingRule] == "error" }.count == traces / 10)
            }
        }
        let statistics = provider.statistics
        #expect(statistics.queued == 2 * traces * shape.exporters)
        #expect(statistics.exported == 2 * traces * shape.exporters)
        #expect(statistics.lost == 0 && statistics.pending == 0)
    }

    /// Whether the provider's chain moves spans into its batch queue: one batch processor behind
    /// the stages, or a stage in front of several.
    static func isHandedOver(_ provider: TracerProvider) -> Bool {
        guard let pipeline = provider.pipeline else { return false }
        if case .borrowing = SpanHandOver(pipeline.head) { return false }
        return true
    }
}
