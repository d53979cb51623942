import Testing
@testable import LLMTrace

@Suite struct EnvironmentKeyTests {
    @Test func theGeneralOTLPVariableHasNoSignal() {
        #expect(EnvironmentKey.otlp(.endpoint) == "OTEL_EXPORTER_OTLP_ENDPOINT")
    }

    @Test func aSignalsOTLPVariableNamesTheSignal() {
        #expect(EnvironmentKey.otlp(.endpoint, signal: .traces) == "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        #expect(EnvironmentKey.otlp(.endpoint, signal: .metrics) == "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")
    }

    @Test func everyOTLPSettingHasTheSpecsName() {
        let settings: [(EnvironmentKey.OTLPSetting, String)] = [
            (.endpoint, "ENDPOINT"), (.protocol, "PROTOCOL"), (.headers, "HEADERS"), (.timeout, "TIMEOUT"),
            (.compression, "COMPRESSION"), (.certificate, "CERTIFICATE"), (.clientCertificate, "CLIENT_CERTIFICATE"),
            (.clientKey, "CLIENT_KEY"),
        ]
        for (setting, name) in settings {
            #expect(EnvironmentKey.otlp(setting) == "OTEL_EXPORTER_OTLP_\(name)")
            #expect(EnvironmentKey.otlp(setting, signal: .traces) == "OTEL_EXPORTER_OTLP_TRACES_\(name)")
            #expect(EnvironmentKey.otlp(setting, signal: .metrics) == "OTEL_EXPORTER_OTLP_METRICS_\(name)")
        }
    }

    @Test func otherKeysAreTheSpecsOrLLMTracesOwn() {
        #expect(EnvironmentKey.sdkDisabled == "OTEL_SDK_DISABLED")
        #expect(EnvironmentKey.tracesSampler == "OTEL_TRACES_SAMPLER")
        #expect(EnvironmentKey.batch(.maxQueueSize) == "OTEL_BSP_MAX_QUEUE_SIZE")
        #expect(EnvironmentKey.batch(.scheduleDelay, logs: true) == "OTEL_BLRP_SCHEDULE_DELAY")
        #expect(EnvironmentKey.spanAttributeCountLimit == "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT")
        #expect(EnvironmentKey.metricExportInterval == "OTEL_METRIC_EXPORT_INTERVAL")
        #expect(EnvironmentKey.samplingMaxTraceAge == "LLMTRACE_SAMPLING_MAX_TRACE_AGE_MS")
        #expect(EnvironmentKey.costBudgetUSDPerHour == "LLMTRACE_COST_BUDGET_USD_PER_HOUR")
    }
}
