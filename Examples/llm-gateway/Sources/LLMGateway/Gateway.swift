import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import LLMTrace
import LLMTraceDistributedTracing
import LLMTraceGenAI
import Logging
import RAGDemoKit
import Tracing

/// The LLM gateway: `POST /ask` answers a question with the RAG pipeline (retrieval → rerank →
/// generation), `GET /metrics` serves the LLM metrics to Prometheus, `GET /healthz` says it is up.
///
/// Every request is one trace: Hummingbird's SERVER span (continuing an incoming
/// `traceparent`), the pipeline's spans under it, and AsyncHTTPClient's CLIENT span for the
/// upstream call. Bootstrap `provider.distributedTracer` before making a gateway.
public final class Gateway: Sendable {
    public let configuration: GatewayConfiguration
    public let provider: TracerProvider
    let pipeline: RAGPipeline
    let requests = RequestCounter()
    let logger: Logger
    /// The client of the upstream calls, when there is an upstream: shut down by `shutdown()`.
    private let httpClient: HTTPClient?

    /// - Parameters:
    ///   - genAI: GenAI settings (content capture, pricing); default: from the environment.
    ///   - logger: The logger of the server and of every request; give it
    ///     `Logger.MetadataProvider.llmtrace()` so request log lines carry the trace id.
    public init(configuration: GatewayConfiguration, provider: TracerProvider, genAI: GenAIConfiguration = GenAIConfiguration(environment: ProcessInfo.processInfo.environment), logger: Logger) {
        self.configuration = configuration
        self.provider = provider
        self.logger = logger
        let generator: any AnswerGenerator
        if let upstream = configuration.upstream {
            var clientConfiguration = HTTPClient.Configuration()
            clientConfiguration.timeout = .init(connect: .seconds(5))
            // The Tracing-API backend of this provider, whatever the global bootstrap holds.
            clientConfiguration.tracing.tracer = provider.distributedTracer(scopeName: "async-http-client")
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
            httpClient = client
            generator = UpstreamGenerator(upstream: upstream, client: client)
        } else {
            httpClient = nil
            generator = LocalGenerator(latencyScale: configuration.latencyScale)
        }
        pipeline = RAGPipeline(
            genAI: GenAITracer(tracer: provider.tracer("llm-gateway", version: TracerProvider.sdkVersion), configuration: genAI),
            index: BM25Index(documents: Corpus.documents),
            generator: generator,
            model: configuration.defaultModel
        )
    }

    /// Where answers come from, for the start-up line: never the key.
    public var generatorDescription: String {
        guard let upstream = configuration.upstream else { return "local generator" }
        return "OpenAI-compatible API at \(OpenAIChatCompletions.redacted(baseURL: upstream.baseURL))"
    }

    /// The routes, behind `TracingMiddleware` (the SERVER span) and the request counter.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(TracingMiddleware())
        router.middlewares.add(RequestCountingMiddleware(counter: requests))
        router.get("/healthz") { _, _ in HTTPResponse.Status.ok }
        router.get("/metrics") { [self] _, _ in metricsResponse() }
        router.post("/ask") { [self] request, context in try await ask(request, context: context) }
        return router
    }

    /// The HTTP server on `configuration.host`/`port`, a `Service` for a `ServiceGroup`.
    /// - Parameter onServerRunning: Called with the bound port once the server listens.
    public func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "llm-gateway"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// Closes the upstream client; call it once the server has stopped.
    public func shutdown() async throws {
        try await httpClient?.shutdown()
    }

    func ask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: GatewayConfiguration.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw GatewayError.bodyTooLarge()
        }
        let ask = try AskRequest.parse(Array(buffer: body))
        var pipeline = self.pipeline
        if let model = ask.model { pipeline.model = model }
        let outcome = await pipeline.answer(ask.question, index: 0)
        if let errorType = outcome.errorType {
            throw GatewayError.upstream(errorType: errorType, message: outcome.errorMessage ?? errorType)
        }
        let answer = AskResponse(outcome, requestedModel: pipeline.model)
        // No question or answer text here: content is recorded only where capture is on.
        context.logger.info("answered", metadata: [
            "gen_ai.request.model": "\(pipeline.model)", "gen_ai.response.model": "\(answer.model)",
            "gen_ai.usage.input_tokens": "\(answer.inputTokens)", "gen_ai.usage.output_tokens": "\(answer.outputTokens)",
            "latency_s": "\(answer.latencySeconds)",
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(answer))))
    }

    func metricsResponse() -> Response {
        let text = (provider.metrics?.prometheusText() ?? "") + requests.prometheusText()
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
