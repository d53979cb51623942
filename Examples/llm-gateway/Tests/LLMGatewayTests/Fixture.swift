import Foundation
import LLMGateway
import LLMTrace
import LLMTraceDistributedTracing
import LLMTraceTesting
import Logging
import Tracing

/// The one provider of this test process: `InstrumentationSystem` takes a single bootstrap, so
/// every test shares it and tells its spans apart by trace id.
enum Fixture {
    static let shared: (provider: TracerProvider, exporter: InMemorySpanExporter, logs: LogCapture) = {
        let (provider, exporter) = TestTracing.provider { configuration in
            configuration.baggageSpanAttributes = ["session.id", "enduser.id"]
        }
        InstrumentationSystem.bootstrap(provider.distributedTracer)
        return (provider, exporter, LogCapture())
    }()

    /// A gateway on a free port of 127.0.0.1, with the shared provider, answering at once.
    static func gateway(upstream: GatewayConfiguration.Upstream? = nil) -> Gateway {
        var configuration = GatewayConfiguration()
        configuration.port = 0
        configuration.latencyScale = 0
        configuration.upstream = upstream
        return Gateway(configuration: configuration, provider: shared.provider, logger: shared.logs.logger(metadataProvider: .llmtrace()))
    }

    /// Runs `body` with a gateway and shuts its upstream client down, whatever `body` does
    /// (AsyncHTTPClient traps on a client that was never shut down).
    static func withGateway<R: Sendable>(upstream: GatewayConfiguration.Upstream? = nil, _ body: (Gateway) async throws -> R) async throws -> R {
        let gateway = gateway(upstream: upstream)
        do {
            let result = try await body(gateway)
            try await gateway.shutdown()
            return result
        } catch {
            try? await gateway.shutdown()
            throw error
        }
    }

    /// The ended spans of one trace, once its SERVER span has ended: Hummingbird ends it after
    /// the response is written, which may be after the client read it.
    static func trace(_ traceID: String) async throws -> [SpanData] {
        for _ in 0..<200 {
            shared.provider.forceFlush()
            let spans = shared.exporter.spans.filter { $0.context.traceID.description == traceID }
            if spans.contains(where: { $0.kind == .server }) { return spans }
            try await Task.sleep(for: .milliseconds(50))
        }
        return shared.exporter.spans.filter { $0.context.traceID.description == traceID }
    }

    /// A chat-completions answer as an OpenAI-compatible server sends it.
    static let completion = #"{"id":"chatcmpl-1","model":"gpt-4o-mini-2024-07-18","choices":[{"message":{"role":"assistant","content":"OTLP over HTTP uses port 4318."},"finish_reason":"stop"}],"usage":{"prompt_tokens":120,"completion_tokens":9}}"#

    static let apiKey = "sk-gateway-test-secret-7731"
}
