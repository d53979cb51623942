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

@Suite struct TracerProviderTests {
    @Test func globalProviderIsDisabledUntilBootstrapped() {
        #expect(!TracerProvider.global.tracer("lib").startSpan("x").isRecording)
    }

    @Test func tracersShareOneScopePerNameAndVersion() {
        let (provider, exporter) = TestTracing.provider()
        provider.tracer("lib", version: "1").withSpan("a") { _ in }
        provider.tracer("lib", version: "1").withSpan("b") { _ in }
        provider.tracer("lib", version: "2").withSpan("c") { _ in }
        provider.forceFlush()
        let scopes = exporter.spans.map { ObjectIdentifier($0.scope) }
        #expect(scopes[0] == scopes[1])
        #expect(scopes[0] != scopes[2])
        #expect(exporter.spans[2].scope.version == "2")
    }

    @Test func resourceCarriesServiceAndSDKAttributes() {
        var configuration = TracingConfiguration(environment: ["OTEL_RESOURCE_ATTRIBUTES": "service.name=env,team=ml"])
        #expect(configuration.makeResource().serviceName == "env")
        configuration.serviceName = "code"
        let resource = configuration.makeResource()
        #expect(resource.serviceName == "code")
        #expect(resource.attributes["telemetry.sdk.name"] == "opentelemetry")
        #expect(resource.attributes["telemetry.sdk.language"] == "swift")
        #expect(resource.attributes["telemetry.sdk.version"] == .string(TracerProvider.sdkVersion))
        #expect(resource.attributes["team"] == "ml")
    }

    @Test func shutdownStopsRecordingAndIsIdempotent() {
        let (provider, exporter) = TestTracing.provider()
        let tracer = provider.tracer("t")
        tracer.withSpan("before") { _ in }
        #expect(provider.shutdown(timeout: .seconds(5)))
        #expect(provider.shutdown(timeout: .seconds(5)))
        #expect(!tracer.startSpan("after").isRecording)
        #expect(exporter.spans.map(\.name) == ["before"])
    }
}
