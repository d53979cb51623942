/// Test doubles and the workload the benchmarks share; nothing here is measured by itself.
///
/// - `CountingProcessor`, `NoopExporter`, `RecordOnlySampler`: the trivial pieces the span and
///   chain benchmarks plug into `TracerProvider`.
/// - `RAGWorkload`: the 4-span RAG trace of `shared/bench/WORKLOAD.md` (the same spans and
///   attributes as `Sources/LLMTraceBenchmarks/Workload.swift`), started here without ending.
import LLMTrace
import Synchronization

/// A processor that only counts the spans it is given: the cheapest `SpanProcessor` possible.
final class CountingProcessor: SpanProcessor {
    let ended = Atomic<Int>(0)

    var isStartRequired: Bool { false }
    func onEnd(_ span: SpanData) { ended.wrappingAdd(1, ordering: .relaxed) }
    func forceFlush(timeout: Duration) -> Bool { true }
    func shutdown(timeout: Duration) -> Bool { true }
}

/// A processor that keeps every span it is given, to build span data in setup.
final class CollectingProcessor: SpanProcessor {
    private let collected = Mutex<[SpanData]>([])

    var spans: [SpanData] { collected.withLock { $0 } }

    var isStartRequired: Bool { false }
    func onEnd(_ span: SpanData) { collected.withLock { $0.append(span) } }
    func forceFlush(timeout: Duration) -> Bool { true }
    func shutdown(timeout: Duration) -> Bool { true }
}

/// An exporter that takes every batch and does nothing with it.
struct NoopExporter: SpanExporter {
    func export(_ batch: [SpanData], deadline: ContinuousClock.Instant) -> ExportResult { .success }
}

/// Records every span without sampling it: processors get it, exporters would not.
struct RecordOnlySampler: Sampler {
    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult { SamplingResult(.recordOnly) }
    var description: String { "RecordOnlySampler" }
}

enum RAGWorkload {
    static let serviceName = "llmtrace-bench"
    static let scopeName = "llmtrace-bench"
    static let queryHash = "ae746de220807d6f1e4e46fbe91fcdc34b7f56321bbb16b089c28e1a43a4589a"
    /// Spans in one RAG trace.
    static let spansPerTrace = 4
    /// Spans in one batch: the default `maxExportBatchSize`.
    static let batchSize = 512

    /// Starts one RAG trace and sets its 18 attributes, one `setAttribute` call each, without
    /// ending any span.
    /// - Returns: the spans in the order the workload ends them: `retrieval`, `reranking`,
    ///   `chat gpt-4o-mini`, then the root `rag_pipeline`.
    static func startTrace(_ tracer: Tracer) -> [Span] {
        let root = tracer.startSpan("rag_pipeline", parent: .root)
        root.setAttribute("gen_ai.operation.name", "invoke_workflow")
        root.setAttribute("gen_ai.workflow.name", "rag_pipeline")
        root.setAttribute("user.query_hash", queryHash)

        let retrieval = tracer.startSpan("retrieval", parent: .span(root))
        retrieval.setAttribute("gen_ai.operation.name", "retrieval")
        retrieval.setAttribute("gen_ai.data_source.id", "docs")
        retrieval.setAttribute("retrieval.doc_count", 20)
        retrieval.setAttribute("retrieval.top_score", 0.87)

        let reranking = tracer.startSpan("reranking", parent: .span(root))
        reranking.setAttribute("reranking.kept_count", 5)
        reranking.setAttribute("reranking.model", "bm25")

        let chat = tracer.startSpan("chat gpt-4o-mini", kind: .client, parent: .span(root))
        chat.setAttribute("gen_ai.operation.name", "chat")
        chat.setAttribute("gen_ai.provider.name", "openai")
        chat.setAttribute("gen_ai.request.model", "gpt-4o-mini")
        chat.setAttribute("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
        chat.setAttribute("gen_ai.usage.input_tokens", 1523)
        chat.setAttribute("gen_ai.usage.output_tokens", 847)
        chat.setAttribute("gen_ai.request.temperature", 0.2)
        chat.setAttribute("gen_ai.response.finish_reasons", ["stop"])
        chat.setAttribute("gen_ai.usage.cost", 0.000737)

        return [retrieval, reranking, chat, root]
    }

    /// Starts `batchSize / spansPerTrace` RAG traces (not ended) into `spans`, which is emptied
    /// first and keeps its capacity.
    static func startBatch(_ tracer: Tracer, into spans: inout [Span]) {
        spans.removeAll(keepingCapacity: true)
        for _ in 0..<(batchSize / spansPerTrace) { spans.append(contentsOf: startTrace(tracer)) }
    }

    /// One batch of ended span data, as an exporter receives it: 128 RAG traces, sampled, with
    /// the resource of a default provider named `llmtrace-bench` (`telemetry.sdk.*` included).
    static func endedBatch() -> [SpanData] {
        var configuration = TracingConfiguration()
        configuration.serviceName = serviceName
        configuration.samplingRules.keepErrors = false
        configuration.metrics.exporters = []
        let collector = CollectingProcessor()
        let provider = TracerProvider(configuration: configuration, processors: [collector])
        let tracer = provider.tracer(scopeName, version: TracerProvider.sdkVersion)
        var spans: [Span] = []
        startBatch(tracer, into: &spans)
        for span in spans { span.end() }
        let batch = collector.spans
        precondition(batch.count == batchSize && batch.allSatisfy(\.context.isSampled))
        return batch
    }
}
