import Foundation
@_spi(Benchmarks) import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

enum Workload {
    static let queryHash = "ae746de220807d6f1e4e46fbe91fcdc34b7f56321bbb16b089c28e1a43a4589a"

    /// One RAG trace: 4 spans, 18 attributes, each set after start with one `setAttribute` call.
    @inline(__always)
    static func trace(_ tracer: Tracer) {
        let root = tracer.startSpan("rag_pipeline", parent: .root)
        root.setAttribute(GenAI.operationName, GenAI.operationInvokeWorkflow)
        root.setAttribute(GenAI.workflowName, "rag_pipeline")
        root.setAttribute("user.query_hash", queryHash)

        let retrieval = tracer.startSpan("retrieval", parent: .span(root))
        retrieval.setAttribute(GenAI.operationName, GenAI.operationRetrieval)
        retrieval.setAttribute(GenAI.dataSourceID, "docs")
        retrieval.setAttribute("retrieval.doc_count", 20)
        retrieval.setAttribute("retrieval.top_score", 0.87)
        retrieval.end()

        let reranking = tracer.startSpan("reranking", parent: .span(root))
        reranking.setAttribute("reranking.kept_count", 5)
        reranking.setAttribute("reranking.model", "bm25")
        reranking.end()

        let chat = tracer.startSpan("chat gpt-4o-mini", kind: .client, parent: .span(root))
        chat.setAttribute(GenAI.operationName, GenAI.operationChat)
        chat.setAttribute(GenAI.providerName, GenAI.providerOpenAI)
        chat.setAttribute(GenAI.requestModel, "gpt-4o-mini")
        chat.setAttribute(GenAI.responseModel, "gpt-4o-mini-2024-07-18")
        chat.setAttribute(GenAI.usageInputTokens, 1523)
        chat.setAttribute(GenAI.usageOutputTokens, 847)
        chat.setAttribute(GenAI.requestTemperature, 0.2)
        chat.setAttribute(GenAI.responseFinishReasons, ["stop"])
        chat.setAttribute(GenAI.usageCost, 0.000737)
        chat.end()

        root.end()
    }

    /// Runs `traces` traces through `configuration` against a fresh sink, in this process.
    static func run(_ configuration: BenchConfiguration, traces: Int, payloadDirectory: String?) throws -> RunResult {
        let sink = try Sink(dumpDirectory: payloadDirectory)
        defer { sink.stop() }
        let provider = TracerProvider(configuration: configuration.tracing(endpoint: sink.url, traces: traces))
        let tracer = provider.tracer("llmtrace-bench", version: TracerProvider.sdkVersion)

        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<traces { trace(tracer) }
        let callerElapsed = clock.now - start
        let flushed = provider.shutdown(timeout: .seconds(300))
        let totalElapsed = clock.now - start

        let statistics = provider.statistics
        let handed = statistics.queued + statistics.dropped + statistics.ignoredAfterShutdown
        let received = sink.spans
        let spans = traces * 4
        return RunResult(
            configuration: configuration.rawValue,
            traces: traces,
            spansOffered: spans,
            callerNanosPerSpan: callerElapsed.seconds * 1e9 / Double(spans),
            endToEndSpansPerSecond: Double(received) / totalElapsed.seconds,
            spansHandedToExport: handed,
            spansReceived: received,
            droppedBySinkCount: handed - received,
            droppedByProcessor: statistics.lost,
            peakRSSBytes: ProcessFigures.peakRSSBytes(),
            wireBytesPerSpan: received > 0 ? Double(sink.bytes) / Double(received) : 0,
            decodedBytesPerSpan: received > 0 ? Double(sink.decodedBytes) / Double(received) : 0,
            flushed: flushed
        )
    }

    /// What the sink takes when fed pre-encoded 512-span JSON batches by two libcurl clients for
    /// about a second: the ceiling the agent is measured against.
    static func sinkCeiling() throws -> Double {
        let sink = try Sink()
        defer { sink.stop() }
        let exporter = InMemorySpanExporter()
        // Spans only: no metrics pushed to a receiver that is not there.
        var configuration = TracingConfiguration()
        configuration.metrics.exporters = [.prometheus]
        let capture = TracerProvider(configuration: configuration, processors: [BatchSpanProcessor(exporter: exporter)])
        let tracer = capture.tracer("llmtrace-bench")
        for _ in 0..<128 { trace(tracer) }
        capture.forceFlush()
        let body = OTLPHTTPExporter.requestBody(for: Array(exporter.spans.prefix(512)), gzip: false)
        let clients = 2
        let clock = ContinuousClock()
        let start = clock.now
        let group = DispatchGroup()
        for _ in 0..<clients {
            DispatchQueue.global().async(group: group) {
                let transport = CurlTransport()
                let request = HTTPRequest(url: sink.url, headers: [(name: "Content-Type", value: "application/json")], body: body)
                while clock.now - start < .seconds(1) {
                    _ = transport.post(request, timeout: .seconds(5))
                }
            }
        }
        group.wait()
        return Double(sink.spans) / (clock.now - start).seconds
    }
}
