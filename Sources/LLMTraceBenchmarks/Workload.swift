import Dispatch
import FoundationEssentials
@_spi(Benchmarks) import LLMTrace
import LLMTraceSupport
import CAllocationCount

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

    /// Runs `traces` traces through `configuration`, in this process, against the sink at
    /// `endpoint` (in a process of its own).
    static func run(_ configuration: BenchConfiguration, traces: Int, endpoint: String, holdAll: Bool = false) -> RunResult {
        var tracing = configuration.tracing(endpoint: endpoint, traces: traces)
        if holdAll { tracing.batch.maxQueueSize = max(tracing.batch.maxQueueSize, traces * 4) }
        let provider = TracerProvider(configuration: tracing)
        let tracer = provider.tracer("llmtrace-bench", version: TracerProvider.sdkVersion)

        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<traces { trace(tracer) }
        let callerElapsed = clock.now - start
        let flushed = provider.shutdown(timeout: .seconds(300))
        let totalElapsed = clock.now - start

        let statistics = provider.statistics
        let spans = traces * 4
        return RunResult(
            configuration: configuration.rawValue,
            traces: traces,
            spansOffered: spans,
            callerNanosPerSpan: callerElapsed.seconds * 1e9 / Double(spans),
            totalSeconds: totalElapsed.seconds,
            spansHandedToExport: statistics.queued + statistics.dropped + statistics.ignoredAfterShutdown,
            droppedByProcessor: statistics.lost,
            peakRSSBytes: ProcessFigures.peakRSSBytes(),
            cpuSeconds: ProcessFigures.cpuSeconds(),
            flushed: flushed
        )
    }

    /// Heap allocations on the calling thread per span started and ended with 5 attributes (one
    /// `setAttribute` call each), through the default chain (LLM metrics, sampling rules, batch
    /// processor) exporting to `endpoint`; for spans that are children of one open root (most
    /// spans) and for spans that are roots themselves (which the sampling stage marks with its
    /// rule). Counted in a steady flow: bursts of half an export batch, each flushed (uncounted)
    /// before the next, so the exporter keeps up and the queue and the attribute lists reuse the
    /// storage exports give back. A caller that outruns the exporter also pays the backlog's
    /// storage: a chunk per export batch, an attribute list per span.
    /// `nil` where the allocator cannot be counted (not glibc).
    static func allocationsPerSpan(endpoint: String) -> (child: Double, root: Double)? {
        guard llmtrace_allocations_supported() != 0 else { return nil }
        let spans = 2_048
        let configuration = BenchConfiguration.bigq.tracing(endpoint: endpoint, traces: spans)
        let provider = TracerProvider(configuration: configuration)
        defer { provider.shutdown(timeout: .seconds(60)) }
        let tracer = provider.tracer("llmtrace-bench", version: TracerProvider.sdkVersion)
        let spanOnce = { (parent: SpanParent) in
            let span = tracer.startSpan("retrieval", parent: parent)
            span.setAttribute(GenAI.operationName, GenAI.operationRetrieval)
            span.setAttribute(GenAI.dataSourceID, "docs")
            span.setAttribute("retrieval.doc_count", 20)
            span.setAttribute("retrieval.top_score", 0.87)
            span.setAttribute("user.query_hash", queryHash)
            span.end()
        }
        let burst = max(1, min(spans, configuration.batch.maxExportBatchSize / 2))
        let count = { (parent: SpanParent) -> Double in
            var allocations: UInt64 = 0
            for _ in 0..<(spans / burst) {
                provider.forceFlush()
                llmtrace_allocations_start()
                for _ in 0..<burst { spanOnce(parent) }
                allocations += llmtrace_allocations_stop()
            }
            return Double(allocations) / Double(spans / burst * burst)
        }
        // Warm up: the processors' first buffers, the metrics' first series, and a few batches
        // through the queue (its chunks, and the runtime's first use of their generic code).
        for _ in 0..<(4 * configuration.batch.maxExportBatchSize) { spanOnce(.root) }
        let root = tracer.startSpan("rag_pipeline", parent: .root)
        // Each kind is counted in its second round: the first brings the attribute storage
        // that exports give back to where that kind of span keeps it (a root's mark takes a
        // second list, so a round of roots would otherwise live on storage the children left).
        _ = count(.span(root))
        let child = count(.span(root))
        root.end()
        _ = count(.root)
        return (child, count(.root))
    }

    /// The calling thread's ns/span with the LLM metrics on and off, in this process, the same
    /// workload and chain otherwise (sampling rules on) but no exporter: the spans end in a
    /// processor that keeps nothing, so no other thread shares the cores and the difference is
    /// the metrics stage's. Each round times both providers, in alternating order (on, off;
    /// then off, on); `on` and `off` are the medians of their rounds, `cost` the median of the
    /// rounds' differences. (The difference of the `default` and `metrics-off` runs is too
    /// noisy for that: their exporters and sinks compete with the caller, and their drops
    /// differ.)
    static func metricsCost(rounds: Int, tracesPerRound: Int) -> (on: Double, off: Double, cost: Double) {
        let providers = [BenchConfiguration.default, .metricsOff].map { callerOnlyProvider($0, traces: tracesPerRound) }
        defer { for provider in providers { provider.shutdown(timeout: .seconds(10)) } }
        let tracers = providers.map { $0.tracer("llmtrace-bench", version: TracerProvider.sdkVersion) }
        for tracer in tracers { for _ in 0..<2_000 { trace(tracer) } }
        let clock = ContinuousClock()
        let time = { (tracer: Tracer) -> Double in
            let start = clock.now
            for _ in 0..<tracesPerRound { trace(tracer) }
            return (clock.now - start).seconds * 1e9 / Double(tracesPerRound * 4)
        }
        var on: [Double] = []
        var off: [Double] = []
        for round in 0..<rounds {
            if round.isMultiple(of: 2) {
                on.append(time(tracers[0]))
                off.append(time(tracers[1]))
            } else {
                off.append(time(tracers[1]))
                on.append(time(tracers[0]))
            }
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        return (median(on), median(off), median(zip(on, off).map { $0 - $1 }))
    }

    /// `configuration`'s provider with its exporter replaced by a processor that keeps nothing
    /// (its endpoint is never posted to).
    static func callerOnlyProvider(_ configuration: BenchConfiguration, traces: Int) -> TracerProvider {
        TracerProvider(configuration: configuration.tracing(endpoint: "http://127.0.0.1:9/v1/traces", traces: traces), processors: [DiscardingProcessor()])
    }

    /// `traces` traces through `callerOnlyProvider`, after the same warm-up as `metricsCost`:
    /// the calling thread alone, for a profiler.
    static func callerOnly(_ configuration: BenchConfiguration, traces: Int) {
        let provider = callerOnlyProvider(configuration, traces: traces)
        defer { provider.shutdown(timeout: .seconds(10)) }
        let tracer = provider.tracer("llmtrace-bench", version: TracerProvider.sdkVersion)
        for _ in 0..<2_000 { trace(tracer) }
        for _ in 0..<traces { trace(tracer) }
    }

    /// What the sink (in its own process) takes when fed pre-encoded 512-span JSON batches,
    /// gzipped or not, by two libcurl clients for about a second: the ceiling the agent is
    /// measured against.
    static func sinkCeiling(executable: String, gzip: Bool) throws -> Double {
        let sink = try SinkProcess(executable: executable, payloadDirectory: nil)
        let exporter = CapturingExporter()
        // Spans only: no metrics pushed to a receiver that is not there.
        var configuration = TracingConfiguration()
        configuration.metrics.exporters = [.prometheus]
        let capture = TracerProvider(configuration: configuration, processors: [BatchSpanProcessor(exporter: exporter)])
        let tracer = capture.tracer("llmtrace-bench")
        for _ in 0..<128 { trace(tracer) }
        capture.forceFlush()
        let body = OTLPHTTPExporter.requestBody(for: Array(exporter.spans.prefix(512)), gzip: gzip)
        let headers = [(name: "Content-Type", value: "application/json")] + (gzip ? [(name: "Content-Encoding", value: "gzip")] : [])
        let url = sink.url
        let clients = 2
        let clock = ContinuousClock()
        let start = clock.now
        let group = DispatchGroup()
        for _ in 0..<clients {
            DispatchQueue.global().async(group: group) {
                let transport = CurlTransport()
                let request = HTTPRequest(url: url, headers: headers, body: body)
                while clock.now - start < .seconds(1) {
                    _ = transport.post(request, timeout: .seconds(5))
                }
            }
        }
        group.wait()
        let elapsed = clock.now - start
        return Double(try sink.finish().spans) / elapsed.seconds
    }
}

/// Ends the chain of `Workload.metricsCost` and keeps nothing.
private final class DiscardingProcessor: SpanProcessor {
    var isStartRequired: Bool { false }
    func onEnd(_ span: SpanData) {}
    func forceFlush(timeout: Duration) -> Bool { true }
    func shutdown(timeout: Duration) -> Bool { true }
}

/// Keeps what it is given: the spans whose encoding feeds the sink's ceiling.
private final class CapturingExporter: SpanExporter {
    private let storage = Locked<[SpanData]>([])
    var spans: [SpanData] { storage.withLock { $0 } }

    func export(_ batch: [SpanData], deadline: ContinuousClock.Instant) -> ExportResult {
        storage.withLock { $0.append(contentsOf: batch) }
        return .success
    }
}
