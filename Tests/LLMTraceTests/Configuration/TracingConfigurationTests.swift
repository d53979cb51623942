import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct TracingConfigurationTests {
    @Test func defaultsWithAnEmptyEnvironment() {
        let configuration = TracingConfiguration(environment: [:])
        #expect(configuration.warnings.isEmpty)
        #expect(!configuration.disabled)
        #expect(configuration.otlp.endpoint == "http://localhost:4318/v1/traces")
        #expect(configuration.otlp.timeout == .seconds(10))
        #expect(configuration.otlp.compression == .none)
        #expect(configuration.batch == BatchConfiguration())
        #expect(configuration.batch.maxQueueSize == 2048)
        #expect(configuration.batch.maxExportBatchSize == 512)
        #expect(configuration.limits == SpanLimits())
        #expect(configuration.exporters == [.otlp])
        #expect(configuration.sampler.description == "ParentBased{root=AlwaysOnSampler}")
    }

    @Test(arguments: [
        ("http://collector:4318", "http://collector:4318/v1/traces"),
        ("http://collector:4318/", "http://collector:4318/v1/traces"),
        ("http://collector:4318/mycollector", "http://collector:4318/mycollector/v1/traces"),
        ("https://collector.example.com/mycollector/", "https://collector.example.com/mycollector/v1/traces"),
    ])
    func baseEndpointGetsThePathAppended(_ base: String, _ expected: String) {
        #expect(TracingConfiguration(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": base]).otlp.endpoint == expected)
    }

    @Test func signalEndpointIsUsedAsIs() {
        let env = ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://ignored:4318", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "https://x.example.com/custom/path"]
        #expect(TracingConfiguration(environment: env).otlp.endpoint == "https://x.example.com/custom/path")
        #expect(TracingConfiguration(environment: ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318"]).otlp.endpoint == "http://collector:4318/")
    }

    @Test(arguments: [
        ("OTEL_SDK_DISABLED", "yes"),
        ("OTEL_BSP_MAX_QUEUE_SIZE", "lots"),
        ("OTEL_BSP_MAX_QUEUE_SIZE", "0"),
        ("OTEL_BSP_MAX_QUEUE_SIZE", "-5"),
        ("OTEL_BSP_SCHEDULE_DELAY", "5s"),
        ("OTEL_BSP_EXPORT_TIMEOUT", "-1"),
        ("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "x"),
        ("OTEL_ATTRIBUTE_COUNT_LIMIT", "many"),
        ("OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "-1"),
        ("OTEL_SPAN_EVENT_COUNT_LIMIT", "1.5"),
        ("OTEL_SPAN_LINK_COUNT_LIMIT", "99999999999"),
        ("OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", "a"),
        ("OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", "b"),
        ("OTEL_TRACES_SAMPLER", "sometimes"),
        ("OTEL_TRACES_EXPORTER", "zipkin"),
        ("OTEL_PROPAGATORS", "b3"),
        ("OTEL_LOG_LEVEL", "loud"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"),
        ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "ftp://collector"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:99999"),
        ("OTEL_EXPORTER_OTLP_TIMEOUT", "ten"),
        ("OTEL_EXPORTER_OTLP_COMPRESSION", "brotli"),
        ("LLMTRACE_OTLP_GZIP_LEVEL", "0"),
        ("LLMTRACE_OTLP_GZIP_LEVEL", "fast"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
        ("OTEL_RESOURCE_ATTRIBUTES", "a=%zz"),
        ("LLMTRACE_SAMPLING_KEEP_ERRORS", "sometimes"),
        ("LLMTRACE_SAMPLING_SLOW_MS", "2s"),
        ("LLMTRACE_SAMPLING_SLOW_MS", "-1"),
        ("LLMTRACE_SAMPLING_ATTRIBUTE_SUM", "gen_ai.usage.cost"),
        ("LLMTRACE_SAMPLING_ATTRIBUTE_SUM", "gen_ai.usage.cost>=0.5,tokens>=lots"),
        ("LLMTRACE_SAMPLING_ATTRIBUTE_SUM", ">=3"),
        ("LLMTRACE_SAMPLING_MAX_TRACES_PER_SECOND", "-3"),
        ("LLMTRACE_SAMPLING_MAX_TRACES_PER_SECOND", "fast"),
        ("LLMTRACE_SAMPLING_RULE_TRACES_PER_SECOND_FLOOR", "0"),
        ("LLMTRACE_SAMPLING_DECISION_WAIT_MS", "soon"),
        ("LLMTRACE_SAMPLING_MAX_PENDING_TRACES", "0"),
        ("LLMTRACE_SAMPLING_MAX_SPANS_PER_TRACE", "1e3"),
        ("LLMTRACE_SAMPLING_MAX_PENDING_SPANS", "-1"),
        ("LLMTRACE_SAMPLING_MAX_TRACE_AGE_MS", "0"),
    ])
    func invalidValuesWarnOnceAndKeepTheDefault(_ key: String, _ value: String) {
        let configuration = TracingConfiguration(environment: [key: value])
        let defaults = TracingConfiguration()
        #expect(configuration.warnings.count == 1)
        #expect(configuration.warnings.first?.contains(key) == true)
        #expect(configuration.disabled == defaults.disabled)
        #expect(configuration.batch == defaults.batch)
        #expect(configuration.limits == defaults.limits)
        #expect(configuration.otlp == defaults.otlp)
        #expect(configuration.exporters == defaults.exporters)
        #expect(configuration.propagators == defaults.propagators)
        #expect(configuration.sampler.description == defaults.sampler.description)
        #expect(configuration.resourceAttributes.isEmpty)
        #expect(configuration.samplingRules == defaults.samplingRules)
    }

    @Test func samplingRuleDefaults() {
        let rules = TracingConfiguration(environment: [:]).samplingRules
        #expect(rules.keepErrors)
        #expect(rules.slowThreshold == nil)
        #expect(rules.attributeSums.isEmpty)
        #expect(rules.maxTracesPerSecond == nil)
        #expect(rules.ruleTracesPerSecondFloor == 100)
        #expect(rules.decisionWait == .milliseconds(100))
        #expect(rules.maxPendingTraces == 4096)
        #expect(rules.maxSpansPerTrace == 1000)
        #expect(rules.maxPendingSpans == 32768)
        #expect(rules.maxTraceAge == .seconds(300))
        #expect(rules.isActive)
    }

    @Test func samplingRuleVariablesAreRead() {
        let configuration = TracingConfiguration(environment: [
            "LLMTRACE_SAMPLING_KEEP_ERRORS": "false",
            "LLMTRACE_SAMPLING_SLOW_MS": "20000",
            "LLMTRACE_SAMPLING_ATTRIBUTE_SUM": " gen_ai.usage.cost>=0.5 , gen_ai.usage.output_tokens >= 20000",
            "LLMTRACE_SAMPLING_MAX_TRACES_PER_SECOND": "2.5",
            "LLMTRACE_SAMPLING_RULE_TRACES_PER_SECOND_FLOOR": "20",
            "LLMTRACE_SAMPLING_DECISION_WAIT_MS": "0",
            "LLMTRACE_SAMPLING_MAX_PENDING_TRACES": "10",
            "LLMTRACE_SAMPLING_MAX_SPANS_PER_TRACE": "20",
            "LLMTRACE_SAMPLING_MAX_PENDING_SPANS": "30",
            "LLMTRACE_SAMPLING_MAX_TRACE_AGE_MS": "40000",
        ])
        #expect(configuration.warnings.isEmpty)
        let rules = configuration.samplingRules
        #expect(!rules.keepErrors)
        #expect(rules.slowThreshold == .seconds(20))
        #expect(rules.attributeSums == [AttributeSumRule(key: "gen_ai.usage.cost", threshold: 0.5), AttributeSumRule(key: "gen_ai.usage.output_tokens", threshold: 20000)])
        #expect(rules.maxTracesPerSecond == 2.5)
        #expect(rules.ruleTracesPerSecondFloor == 20)
        #expect(rules.decisionWait == .zero)
        #expect(rules.maxPendingTraces == 10)
        #expect(rules.maxSpansPerTrace == 20)
        #expect(rules.maxPendingSpans == 30)
        #expect(rules.maxTraceAge == .seconds(40))
        #expect(rules.isActive)
    }

    @Test func zeroTurnsSlowAndCapOffAndNoRuleMeansNoStage() {
        let configuration = TracingConfiguration(environment: [
            "LLMTRACE_SAMPLING_KEEP_ERRORS": "false",
            "LLMTRACE_SAMPLING_SLOW_MS": "0",
            "LLMTRACE_SAMPLING_MAX_TRACES_PER_SECOND": "0",
        ])
        #expect(configuration.warnings.isEmpty)
        #expect(configuration.samplingRules.slowThreshold == nil)
        #expect(configuration.samplingRules.maxTracesPerSecond == nil)
        #expect(!configuration.samplingRules.isActive)
        let provider = TracerProvider(configuration: configuration, processors: [])
        #expect(provider.samplingStatistics == nil)
    }

    @Test func samplerArgInvalidFallsBackToOne() {
        let configuration = TracingConfiguration(environment: ["OTEL_TRACES_SAMPLER": "traceidratio", "OTEL_TRACES_SAMPLER_ARG": "2"])
        #expect(configuration.warnings.count == 1)
        #expect(configuration.sampler.description == "TraceIdRatioBased{1.0}")
    }

    @Test func validValuesAreRead() {
        let configuration = TracingConfiguration(environment: [
            "OTEL_SDK_DISABLED": "TRUE",
            "OTEL_SERVICE_NAME": "from-env",
            "OTEL_RESOURCE_ATTRIBUTES": "service.name=loses, team = ml%20platform ,region=eu%2Cwest",
            "OTEL_TRACES_SAMPLER": "ParentBased_TraceIdRatio",
            "OTEL_TRACES_SAMPLER_ARG": "0.05",
            "OTEL_TRACES_EXPORTER": "console, otlp",
            "OTEL_PROPAGATORS": "tracecontext",
            "OTEL_LOG_LEVEL": "debug",
            "OTEL_BSP_SCHEDULE_DELAY": "100",
            "OTEL_BSP_EXPORT_TIMEOUT": "0",
            "OTEL_BSP_MAX_QUEUE_SIZE": "10",
            "OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "4",
            "OTEL_ATTRIBUTE_COUNT_LIMIT": "7",
            "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT": "9",
            "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT": "100",
            "OTEL_SPAN_EVENT_COUNT_LIMIT": "3",
            "OTEL_SPAN_LINK_COUNT_LIMIT": "2",
            "OTEL_EXPORTER_OTLP_HEADERS": "a=1",
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS": "Authorization=Bearer%20tok,x-b=2",
            "OTEL_EXPORTER_OTLP_TIMEOUT": "2500",
            "OTEL_EXPORTER_OTLP_COMPRESSION": "GZIP",
            "LLMTRACE_OTLP_GZIP_LEVEL": "9",
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
            "OTEL_EXPORTER_OTLP_CERTIFICATE": "/etc/ca.pem",
            "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE": "/etc/client.pem",
            "OTEL_EXPORTER_OTLP_CLIENT_KEY": "/etc/client.key",
        ])
        #expect(configuration.warnings.isEmpty)
        #expect(configuration.disabled)
        #expect(configuration.makeResource().serviceName == "from-env")
        #expect(configuration.resourceAttributes["team"] == "ml platform")
        #expect(configuration.resourceAttributes["region"] == "eu,west")
        #expect(configuration.sampler.description == "ParentBased{root=TraceIdRatioBased{0.05}}")
        #expect(configuration.exporters == [.console, .otlp])
        #expect(configuration.propagators == [.traceContext])
        #expect(configuration.logLevel == .debug)
        #expect(configuration.batch.scheduleDelay == .milliseconds(100))
        #expect(configuration.batch.exportTimeout == .zero)
        #expect(configuration.batch.maxQueueSize == 10)
        #expect(configuration.batch.maxExportBatchSize == 4)
        #expect(configuration.limits.attributeCountLimit == 9)
        #expect(configuration.limits.attributePerEventCountLimit == 7)
        #expect(configuration.limits.attributeValueLengthLimit == 100)
        #expect(configuration.limits.eventCountLimit == 3)
        #expect(configuration.limits.linkCountLimit == 2)
        #expect(configuration.otlp.headers.map(\.name) == ["Authorization", "x-b"])
        #expect(configuration.otlp.headers.map(\.value) == ["Bearer tok", "2"])
        #expect(configuration.otlp.timeout == .milliseconds(2500))
        #expect(configuration.otlp.compression == .gzip)
        #expect(configuration.otlp.gzipLevel == 9)
        #expect(configuration.otlp.tls == TLSConfiguration(certificateFile: "/etc/ca.pem", clientCertificateFile: "/etc/client.pem", clientKeyFile: "/etc/client.key"))
        #expect(configuration.otlp.certificateFile == "/etc/ca.pem")
    }

    @Test func batchSizeAboveQueueSizeIsClamped() {
        let configuration = TracingConfiguration(environment: ["OTEL_BSP_MAX_QUEUE_SIZE": "100", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "500"])
        #expect(configuration.batch.maxExportBatchSize == 100)
        #expect(configuration.warnings.count == 1)
    }

    @Test func noneExporterAndEmptyValuesMeanUnset() {
        let configuration = TracingConfiguration(environment: ["OTEL_TRACES_EXPORTER": "none", "OTEL_BSP_MAX_QUEUE_SIZE": "", "OTEL_SERVICE_NAME": " "])
        #expect(configuration.exporters.isEmpty)
        #expect(configuration.warnings.isEmpty)
        #expect(configuration.makeResource().serviceName?.hasPrefix("unknown_service") == true)
    }

    @Test func headerValuesNeverAppearInWarningsOrDescriptions() {
        let configuration = TracingConfiguration(environment: ["OTEL_EXPORTER_OTLP_HEADERS": "api-key=sk-live-123,broken%zz"])
        #expect(configuration.warnings.count == 1)
        #expect(!configuration.warnings[0].contains("sk-live-123"))
        var ok = TracingConfiguration()
        ok.otlp.headers = [(name: "api-key", value: "sk-live-123")]
        #expect(!String(describing: ok.otlp).contains("sk-live-123"))
    }

    @Test func disabledProviderRecordsNothingButPropagates() {
        let provider = TracerProvider(configuration: TracingConfiguration(environment: ["OTEL_SDK_DISABLED": "true"]))
        let tracer = provider.tracer("t")
        let remote = tracer.extract(from: ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"])
        let span = tracer.startSpan("x", parent: .context(remote!))
        #expect(!span.isRecording)
        var headers: [String: String] = [:]
        tracer.inject(into: &headers, context: span.context)
        #expect(headers["traceparent"]?.contains("4bf92f3577b34da6a3ce929d0e0e4736") == true)
    }

    @Test func repeatedHeaderNamesAreAllSentInTheirOrder() {
        let configuration = TracingConfiguration(environment: ["OTEL_EXPORTER_OTLP_HEADERS": "x-b=2,x-a=1,x-b=3"])
        #expect(configuration.otlp.headers.map(\.name) == ["x-b", "x-a", "x-b"])
        #expect(configuration.otlp.headers.map(\.value) == ["2", "1", "3"])
    }
}

extension TracingConfigurationTests {
    @Test func theProtocolIsReadPerSignalWithTheGeneralOneAsFallback() {
        let both = TracingConfiguration(environment: ["OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf"])
        #expect(both.otlp.protocol == .httpProtobuf && both.metrics.otlp.protocol == .httpProtobuf)
        #expect(both.warnings.isEmpty)
        let mixed = TracingConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
            "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL": "HTTP/JSON",
        ])
        #expect(mixed.otlp.protocol == .httpProtobuf && mixed.metrics.otlp.protocol == .httpJSON)
        #expect(TracingConfiguration().otlp.protocol == .httpJSON, "JSON stays the default")
        let grpc = TracingConfiguration(environment: ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "grpc"])
        #expect(grpc.otlp.protocol == .httpJSON)
        #expect(grpc.warnings.count == 1 && grpc.warnings[0].contains("grpc is not supported"))
    }
}

extension TracingConfigurationTests {
    @Test func logsAreReadFromTheirOwnVariables() {
        let configuration = TracingConfiguration(environment: [
            "OTEL_LOGS_EXPORTER": "console,otlp",
            "OTEL_BLRP_SCHEDULE_DELAY": "250",
            "OTEL_BLRP_MAX_QUEUE_SIZE": "100",
            "OTEL_BLRP_MAX_EXPORT_BATCH_SIZE": "10",
            "OTEL_BLRP_EXPORT_TIMEOUT": "5000",
            "OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT": "16",
            "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT": "300",
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318",
            "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL": "http/protobuf",
            "OTEL_BSP_SCHEDULE_DELAY": "9000",
        ])
        #expect(configuration.warnings.isEmpty)
        #expect(configuration.logs.exporters == [.console, .otlp])
        #expect(configuration.logs.batch.scheduleDelay == .milliseconds(250))
        #expect(configuration.logs.batch.maxQueueSize == 100 && configuration.logs.batch.maxExportBatchSize == 10)
        #expect(configuration.logs.batch.exportTimeout == .milliseconds(5000))
        #expect(configuration.batch.scheduleDelay == .milliseconds(9000), "the span processor keeps its own")
        #expect(configuration.logs.attributeCountLimit == 16 && configuration.logs.attributeValueLengthLimit == 300)
        #expect(configuration.logs.otlp.endpoint == "http://collector:4318/v1/logs")
        #expect(configuration.logs.otlp.protocol == .httpProtobuf && configuration.otlp.protocol == .httpJSON)
        #expect(TracingConfiguration(environment: ["OTEL_LOGS_EXPORTER": "none"]).logs.exporters.isEmpty)
        let bad = TracingConfiguration(environment: ["OTEL_LOGS_EXPORTER": "syslog", "OTEL_BLRP_MAX_QUEUE_SIZE": "-1"])
        #expect(bad.warnings.count == 2 && bad.logs == LogsConfiguration())
    }
}
