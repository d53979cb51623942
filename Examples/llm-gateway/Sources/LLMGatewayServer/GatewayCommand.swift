import ArgumentParser
import Foundation
import LLMGateway
import LLMTrace
import LLMTraceDistributedTracing
import LLMTraceServiceLifecycle
import Logging
import ServiceLifecycle
import Tracing

/// `llm-gateway`: the HTTP service in front of the RAG pipeline, traced end to end.
@main
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llm-gateway",
        abstract: "An LLM gateway: POST /ask answers with a RAG pipeline, GET /metrics serves the LLM metrics, every request is one trace.",
        discussion: """
        Generation calls the OpenAI-compatible API at OPENAI_BASE_URL (with OPENAI_API_KEY) when \
        both are set, else a built-in local generator. Traces and metrics go to \
        OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318); every OTEL_* and LLMTRACE_* \
        variable of the LLMTrace README applies. The baggage entries session.id and enduser.id \
        are copied onto spans unless LLMTRACE_BAGGAGE_SPAN_ATTRIBUTES says otherwise.

        SIGTERM or SIGINT stops it gracefully: requests in flight finish, then every span is \
        exported (or counted as dropped) before it exits.
        """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 takes a free port. Default: $PORT, else 8080.")
    var port: Int?

    @Option(name: .customLong("default-model"), help: "The model asked for when a request names none.")
    var defaultModel = "gpt-4o-mini"

    @Option(name: .customLong("upstream-timeout"), help: "Seconds to wait for the upstream's answer before answering 502.")
    var upstreamTimeout = 30.0

    @Option(name: .customLong("latency-scale"), help: "Multiplies the local generator's simulated latency; 0 answers at once.")
    var latencyScale = 1.0

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        guard upstreamTimeout > 0, upstreamTimeout.isFinite else { throw ValidationError("--upstream-timeout must be more than 0") }
        guard latencyScale >= 0, latencyScale.isFinite else { throw ValidationError("--latency-scale must be 0 or more") }
        guard !defaultModel.isEmpty else { throw ValidationError("--default-model must not be empty") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var tracing = TracingConfiguration(environment: environment)
        if tracing.serviceName == nil, tracing.resourceAttributes[OTelAttributes.serviceName] == nil {
            tracing.serviceName = "llm-gateway"
        }
        if environment["LLMTRACE_BAGGAGE_SPAN_ATTRIBUTES"] == nil {
            tracing.baggageSpanAttributes = ["session.id", "enduser.id"]
        }
        // The gateway serves /metrics itself, next to whatever else pushes them.
        if !tracing.metrics.exporters.contains(.prometheus) { tracing.metrics.exporters.append(.prometheus) }
        let provider = TracerProvider(configuration: tracing)
        InstrumentationSystem.bootstrap(provider.distributedTracer)
        // Log lines: on standard error with the trace id, and as OTLP log records (unless
        // OTEL_LOGS_EXPORTER=none), which carry the trace and span ids themselves.
        let exportsLogs = tracing.logs.isEnabled
        LoggingSystem.bootstrap { label in
            let console = StreamLogHandler.standardError(label: label, metadataProvider: .llmtrace())
            guard exportsLogs else { return console }
            return MultiplexLogHandler([console, provider.logHandler(label: label)])
        }
        let logger = Logger(label: "llm-gateway")

        var configuration = GatewayConfiguration()
        configuration.host = host
        configuration.port = port ?? Self.port(environment: environment, logger: logger)
        configuration.defaultModel = defaultModel
        configuration.latencyScale = latencyScale
        configuration.upstream = GatewayConfiguration.upstream(environment: environment, timeout: .milliseconds(Int64(upstreamTimeout * 1000)))

        let gateway = Gateway(configuration: configuration, provider: provider, logger: logger)
        let host = self.host
        let generator = gateway.generatorDescription
        let application = gateway.application { port in
            print("llm-gateway: listening on http://\(host):\(port) (generation: \(generator))")
            fflush(nil)
        }
        // Shut down in reverse order: the server first (requests in flight finish), then the
        // provider, which flushes the spans those requests ended.
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: provider.service(shutdownTimeout: .seconds(10))), .init(service: application)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
        try await gateway.shutdown()
        let export = provider.statistics
        var line = "llm-gateway: stopped; spans exported: \(export.exported), dropped: \(export.lost)"
        if let logs = provider.logStatistics { line += "; log records exported: \(logs.exported), dropped: \(logs.lost)" }
        print(line)
    }

    /// `PORT`, or 8080 with one warning when it is not a port number.
    static func port(environment: [String: String], logger: Logger) -> Int {
        guard let text = environment["PORT"], !text.isEmpty else { return 8080 }
        guard let port = Int(text.trimmingCharacters(in: .whitespaces)), (0...65535).contains(port) else {
            logger.warning("PORT is not a port number; using 8080", metadata: ["PORT": "\(text)"])
            return 8080
        }
        return port
    }
}
