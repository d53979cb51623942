import ArgumentParser
import Foundation
import LLMTrace
import LLMTraceGenAI
import RAGDemoKit
import Logging
import LLMTraceSupport

/// `rag-demo`: answers questions with a real RAG pipeline and sends a trace per question.
@main
struct RAGDemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rag-demo",
        abstract: "Answer questions with a small RAG pipeline (retrieval → reranking → generation) and trace every step to an OTLP receiver such as Jaeger.",
        discussion: """
        Each question becomes one trace: invoke_workflow rag_pipeline → retrieval → rerank → chat, \
        with tokens, cost, model and errors on the spans. Traces go to OTEL_EXPORTER_OTLP_ENDPOINT \
        (default http://localhost:4318); start Jaeger with `docker compose -f jaeger-compose.yml up -d` \
        and open http://localhost:16686.

        Generation uses a built-in local generator unless OPENAI_BASE_URL and OPENAI_API_KEY are \
        set, in which case it calls that OpenAI-compatible chat-completions API.

        Every OTEL_* and LLMTRACE_* variable of the README applies (sampling, exporter, content \
        capture). The run ends with a summary, one `name: value` line per figure. The exit status \
        is 0 when the run completed, even if questions failed on purpose.
        """
    )

    @Option(help: "How many questions to answer. Default: the questions given as arguments, else all \(Questions.builtIn.count) built-in ones. Questions repeat when N is larger.")
    var questions: Int?

    @Option(help: "How many questions run at the same time.")
    var concurrency = 4

    @Option(help: "The model name sent to the provider and priced (gen_ai.request.model).")
    var model = "gpt-4o-mini"

    @Option(name: .customLong("failure-rate"), help: "Share of questions (0–1) whose model call fails on purpose, half with 429 rate limit, half with a timeout.")
    var failureRate = 0.1

    @Option(name: .customLong("latency-scale"), help: "Multiplies the local generator's simulated latency (about 0.2 s to first chunk plus 6 ms per token) and the simulated failures' delays; 0 runs instantly.")
    var latencyScale = 1.0

    @Option(help: "Seed for which questions fail, so a run can be repeated. Default: random.")
    var seed: UInt64?

    @Flag(help: "Generate as an agent: every other question gets a planning call that asks for the lookup_document tool before the answer (invoke_agent → chat → execute_tool → chat).")
    var agent = false

    @Argument(help: "Questions to ask instead of the built-in list.")
    var questionTexts: [String] = []

    func validate() throws {
        if let questions, questions < 1 { throw ValidationError("--questions must be at least 1") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard (0...1).contains(failureRate) else { throw ValidationError("--failure-rate must be between 0 and 1") }
        guard latencyScale >= 0, latencyScale.isFinite else { throw ValidationError("--latency-scale must be 0 or more") }
        guard !model.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--model must not be empty") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var tracing = TracingConfiguration(environment: environment)
        if tracing.serviceName == nil, tracing.resourceAttributes[OTelAttributes.serviceName] == nil {
            tracing.serviceName = "rag-demo"
        }
        let serviceName = tracing.makeResource().serviceName ?? "rag-demo"

        var shutdownTimeout: Duration = .seconds(10)
        if tracing.exporters.contains(.otlp) && !ReceiverProbe.isReachable(tracing.otlp.endpoint) {
            print("receiver: none at \(Redaction.url(tracing.otlp.endpoint)); traces will be dropped (start Jaeger: docker compose -f jaeger-compose.yml up -d)")
            shutdownTimeout = .seconds(1)
        }

        let provider = TracerProvider(configuration: tracing)
        // Log lines go to standard error from warning up, and as OTLP log records (with their
        // trace ids) from info up, unless OTEL_LOGS_EXPORTER=none.
        let exportsLogs = tracing.logs.isEnabled
        LoggingSystem.bootstrap { label in
            var console = StreamLogHandler.standardError(label: label)
            console.logLevel = .warning
            guard exportsLogs else { return console }
            var records = provider.logHandler(label: label)
            records.logLevel = .info
            return MultiplexLogHandler([console, records])
        }
        // Ctrl-C or `docker stop` mid-run: what ended is flushed and counted before the process ends.
        provider.shutdownOnSignals(timeout: shutdownTimeout) { [provider] signal, flushed in
            let export = provider.statistics
            print("interrupted: signal \(signal)")
            print("flushed: \(flushed)")
            print("spans_exported: \(export.exported)")
            print("spans_dropped: \(export.lost)")
        }
        let genAI = GenAITracer(
            tracer: provider.tracer("rag-demo", version: TracerProvider.sdkVersion),
            configuration: GenAIConfiguration(environment: environment)
        )
        let generator: any AnswerGenerator
        if let base = environment["OPENAI_BASE_URL"], !base.isEmpty, let key = environment["OPENAI_API_KEY"], !key.isEmpty {
            generator = OpenAICompatibleGenerator(baseURL: base, apiKey: key, timeout: .seconds(60), concurrency: concurrency)
            print("generator: OpenAI-compatible API at \(OpenAIChatCompletions.redacted(baseURL: base))")
        } else {
            generator = LocalGenerator(latencyScale: latencyScale)
        }

        let source = questionTexts.isEmpty ? Questions.builtIn : questionTexts
        let count = questions ?? source.count
        var pipeline = RAGPipeline(
            genAI: genAI, index: BM25Index(documents: Corpus.documents), generator: generator, model: model,
            failures: FailurePlan(rate: failureRate, seed: seed ?? UInt64.random(in: .min ... .max)),
            latencyScale: latencyScale
        )
        pipeline.logger = Logger(label: "rag-demo")
        pipeline.agent = agent
        let demo = Demo(questions: (0..<count).map { source[$0 % source.count] }, concurrency: concurrency, pipeline: pipeline)
        let outcomes = await demo.run()
        let flushed = provider.shutdown(timeout: shutdownTimeout)
        if !flushed { print("flush: timed out after \(shutdownTimeout); unsent spans are counted as dropped") }

        let summary = Summary(outcomes: outcomes, export: provider.statistics, sampling: provider.samplingStatistics, serviceName: serviceName, logs: provider.logStatistics)
        for line in summary.lines { print(line) }
    }
}
