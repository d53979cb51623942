import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct ConsoleSpanExporterTests {
    @Test func lineShowsIdsParentDurationStatusAndAttributes() {
        var span = SpanData.stub(name: "chat gpt-4o-mini")
        span.parentSpanID = SpanID(0xAB)
        span.kind = .client
        span.status = .error(description: "rate limited")
        span.attributes = ["gen_ai.usage.input_tokens": 12]
        let line = ConsoleSpanExporter.line(for: span)
        #expect(line.hasPrefix("[llmtrace] chat gpt-4o-mini trace=00000000000000010000000000000002 span=0000000000000003"))
        #expect(line.contains("parent=00000000000000ab"))
        #expect(line.contains("kind=client duration=1000.0ms"))
        #expect(line.contains("status=error(rate limited)"))
        #expect(line.contains("{gen_ai.usage.input_tokens=12}"))
    }

    @Test func chosenByTheEnvironment() {
        let provider = TracerProvider(environment: ["OTEL_TRACES_EXPORTER": "console", "OTEL_BSP_SCHEDULE_DELAY": "3600000"])
        #expect(provider.processors.count == 1)
        provider.tracer("t").withSpan("printed") { _ in }
        #expect(provider.shutdown(timeout: .seconds(5)))
        #expect(provider.statistics.exported == 1)
    }
}
