import LLMTrace
import LLMTraceServiceLifecycle
import LLMTraceTesting
import Logging
import ServiceLifecycle
import Testing

/// A service that runs until the group shuts down, like an app server would.
private struct AppService: Service {
    func run() async throws {
        try? await gracefulShutdown()
    }
}

@Suite struct TracerProviderServiceTests {
    @Test func gracefulShutdownFlushesAndStopsTheProvider() async throws {
        let (provider, exporter) = TestTracing.provider { $0.batch.scheduleDelay = .seconds(3600) }
        let group = ServiceGroup(services: [provider.service(), AppService()], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        provider.tracer("app").startSpan("request").end()
        #expect(exporter.spans.isEmpty, "queued, not yet exported")
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(exporter.spans.map(\.name) == ["request"])
        #expect(!provider.tracer("app").startSpan("late").isRecording, "shut down")
    }

    @Test func cancellationShutsTheProviderDownToo() async throws {
        let (provider, exporter) = TestTracing.provider { $0.batch.scheduleDelay = .seconds(3600) }
        let service = TracerProviderService(provider: provider, shutdownTimeout: .seconds(2))
        let running = Task { try await service.run() }
        provider.tracer("app").startSpan("request").end()
        running.cancel()
        try await running.value
        #expect(exporter.spans.map(\.name) == ["request"])
        #expect(provider.statistics.exported == 1)
    }

    @Test func spansAServiceEndsWhileShuttingDownAreExportedWhenTheProviderComesFirst() async throws {
        let (provider, exporter) = TestTracing.provider { $0.batch.scheduleDelay = .seconds(3600) }
        // An app that ends one last span as it shuts down, as a server finishing a request does.
        struct FinishingApp: Service {
            let provider: TracerProvider
            func run() async throws {
                try? await gracefulShutdown()
                provider.tracer("app").startSpan("last request").end()
            }
        }
        let group = ServiceGroup(services: [provider.service(), FinishingApp(provider: provider)], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(exporter.spans.map(\.name) == ["last request"])
    }
}
