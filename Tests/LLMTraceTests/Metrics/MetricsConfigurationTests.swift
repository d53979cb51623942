import Testing
@testable import LLMTrace
import LLMTraceTesting

@Suite struct MetricsConfigurationTests {
    @Test func aggregationIsOnWithAnExporterOrABudget() {
        var configuration = MetricsConfiguration()
        #expect(configuration.isEnabled)
        #expect(configuration.otlp.endpoint == "http://localhost:4318/v1/metrics")
        configuration.exporters = []
        #expect(!configuration.isEnabled)
        configuration.costBudgetUSDPerHour = 1
        #expect(configuration.isEnabled)
    }
}

@Suite struct MetricsConfigurationEnvironmentTests {
    @Test func thePerKeyBudgetAndTraceTotalsAreReadFromTheEnvironment() {
        let configuration = TracingConfiguration(environment: [
            "OTEL_METRICS_EXPORTER": "none",
            "LLMTRACE_COST_BUDGET_USD_PER_HOUR_PER_KEY": "2.5", "LLMTRACE_COST_BUDGET_KEY": "tenant.id",
            "LLMTRACE_COST_BUDGET_MAX_KEYS": "50", "LLMTRACE_TRACE_TOTALS": "false",
            "LLMTRACE_SAMPLING_MAX_PENDING_BYTES": "1048576",
        ])
        let metrics = configuration.metrics
        #expect(metrics.costBudgetUSDPerHourPerKey == 2.5 && metrics.costBudgetKey == "tenant.id" && metrics.costBudgetMaxKeys == 50)
        #expect(!metrics.traceTotals)
        #expect(metrics.isEnabled, "a per-key budget alone turns aggregation on")
        #expect(configuration.samplingRules.maxPendingBytes == 1 << 20)
        #expect(configuration.warnings.isEmpty)

        let defaults = MetricsConfiguration()
        #expect(defaults.costBudgetUSDPerHourPerKey == nil && defaults.costBudgetKey == "enduser.id" && defaults.costBudgetMaxKeys == 1000 && defaults.traceTotals)
        let bad = TracingConfiguration(environment: ["LLMTRACE_COST_BUDGET_MAX_KEYS": "0", "LLMTRACE_TRACE_TOTALS": "maybe", "LLMTRACE_SAMPLING_MAX_PENDING_BYTES": "big"])
        #expect(bad.metrics.costBudgetMaxKeys == 1000 && bad.metrics.traceTotals && bad.samplingRules.maxPendingBytes == 64 << 20)
        #expect(bad.warnings.count == 3)
    }

    @Test func aUserIDInBaggageReachesTheModelCallsSpanWhenThePerKeyBudgetIsOn() throws {
        let (provider, exporter) = TestTracing.provider {
            $0.metrics.exporters = [.prometheus]
            $0.metrics.costBudgetUSDPerHourPerKey = 100
            $0.samplingRules.keepErrors = false
        }
        let tracer = provider.tracer("t")
        TraceContext.withBaggage(["enduser.id": "u-42"]) {
            tracer.withSpan("chat", attributes: [GenAI.operationName: .string(GenAI.operationChat)]) { _ in }
        }
        provider.forceFlush()
        let span = try #require(exporter.spans.first)
        #expect(span.attributes["enduser.id"] == .string("u-42"))
    }
}
