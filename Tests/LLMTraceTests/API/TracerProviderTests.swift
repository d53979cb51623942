import Logging
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// A configuration whose provider talks to nothing: no metrics push, no exporters of its own.
private func quiet(_ configure: (inout TracingConfiguration) -> Void = { _ in }) -> TracingConfiguration {
    var configuration = TracingConfiguration()
    configuration.metrics.exporters = []
    configuration.exporters = []
    configure(&configuration)
    return configuration
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

    @Test func tracerScopesAreReusedForTheSameNameAndVersion() {
        let provider = TracerProvider(configuration: quiet(), processors: [])
        #expect(provider.tracer("lib", version: "1").scope === provider.tracer("lib", version: "1").scope)
        #expect(provider.tracer("lib", version: "1").scope !== provider.tracer("lib", version: "2").scope)
        #expect(provider.tracer("lib").scope !== provider.tracer("other").scope)
        #expect(provider.tracer("lib").scope.name == "lib")
        #expect(provider.tracer("lib").scope.version == nil)
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

    @Test func theChainIsMetricsThenTailSamplingThenTheExportingProcessors() {
        let clock = ManualClock()
        let end = RecordingProcessor("exporting")
        let exporter = InMemorySpanExporter()
        let configuration = quiet {
            $0.sampler = Samplers.alwaysOff
            $0.metrics.exporters = [.prometheus]
            $0.samplingRules.decisionWait = .milliseconds(100)
        }
        let provider = TracerProvider(
            configuration: configuration, processors: [end, BatchSpanProcessor(exporter: exporter)],
            idGenerator: RandomIDGenerator(seed: 7), logger: Logger(label: "test"), clock: clock.read
        )
        let tracer = provider.tracer("t")
        for (name, fails) in [("ok", false), ("failing", true)] {
            let span = tracer.startSpan(name, parent: .root, attributes: [GenAI.operationName: .string(GenAI.operationChat)])
            #expect(span.isRecording && !span.context.isSampled)
            if fails { span.setStatus(.error(description: "boom")) }
            span.end()
        }
        // The metrics counted both unsampled spans; the rules hold both traces for their wait;
        // nothing has reached the exporting processors.
        #expect(provider.metrics?.statistics.spansCounted == 2)
        #expect(provider.samplingStatistics?.pendingTraces == 2)
        #expect(end.ended.isEmpty)

        #expect(provider.forceFlush(timeout: .seconds(5)))
        // The rules kept the failed trace: only it, marked sampled, reaches the end of the chain.
        #expect(end.ended.map(\.name) == ["failing"])
        #expect(end.ended.allSatisfy { $0.context.isSampled })
        #expect(exporter.spans.map(\.name) == ["failing"])
        #expect(provider.samplingStatistics?.tracesDropped == 1)
    }

    @Test(arguments: [true, false])
    func theSamplerIsWrappedToRecordEverythingOnlyWhenAProcessorNeedsUnsampledSpans(_ needs: Bool) {
        let processor = RecordingProcessor(needsUnsampled: needs)
        let configuration = quiet {
            $0.sampler = Samplers.alwaysOff
            $0.samplingRules.keepErrors = false
        }
        let provider = TracerProvider(configuration: configuration, processors: [processor])
        #expect(provider.pipeline?.sampler.description == (needs ? "AlwaysRecord{AlwaysOffSampler}" : "AlwaysOffSampler"))
        let span = provider.tracer("t").startSpan("x", parent: .root)
        #expect(span.isRecording == needs)
        #expect(!span.context.isSampled)
        span.end()
        #expect(processor.ended.map(\.name) == (needs ? ["x"] : []))
    }

    @Test func forceFlushAndShutdownReturnTrueWithInMemoryExporters() {
        let (provider, exporter) = TestTracing.provider()
        provider.tracer("t").withSpan("a") { _ in }
        #expect(provider.forceFlush(timeout: .seconds(5)))
        #expect(exporter.spans.map(\.name) == ["a"])
        provider.tracer("t").withSpan("b") { _ in }
        #expect(provider.shutdown(timeout: .seconds(5)))
        #expect(exporter.spans.map(\.name) == ["a", "b"])
        #expect(provider.statistics.exported == 2)
    }

    @Test func aSecondShutdownReturnsTheFirstResultWithoutShuttingDownAgain() {
        let processor = RecordingProcessor(shutdownResult: false)
        let provider = TracerProvider(configuration: quiet(), processors: [processor])
        #expect(!provider.shutdown(timeout: .seconds(5)))
        #expect(!provider.shutdown(timeout: .seconds(5)))
        #expect(processor.log.all == ["p.shutdown"])
    }

    @Test func theProcessorsPassedInAreTheExportingOnesInOrder() {
        let log = CallLog()
        let first = RecordingProcessor("first", log: log)
        let second = RecordingProcessor("second", log: log)
        let provider = TracerProvider(configuration: quiet { $0.samplingRules.keepErrors = false }, processors: [first, second])
        #expect(provider.processors.count == 2)
        #expect(provider.processors[0] as? RecordingProcessor === first)
        #expect(provider.processors[1] as? RecordingProcessor === second)
        provider.tracer("t").startSpan("x").end()
        #expect(log.all == ["first.end x", "second.end x"])

        let disabled = TracerProvider(configuration: quiet { $0.disabled = true }, processors: [first])
        #expect(disabled.processors.isEmpty)
        #expect(disabled.metrics == nil && disabled.samplingStatistics == nil)
        #expect(disabled.forceFlush(timeout: .seconds(1)) && disabled.shutdown(timeout: .seconds(1)))
    }

    @Test func aMissingVersionAndAnEmptyOneAreDifferentScopes() {
        let (provider, _) = TestTracing.provider()
        let unversioned = provider.tracer("lib")
        let empty = provider.tracer("lib", version: "")
        #expect(unversioned.scope !== empty.scope)
        #expect(unversioned.scope.version == nil)
        #expect(empty.scope.version == "")
    }
}
