/// The batch paths, per batch of 512 spans (128 RAG traces of `shared/bench/WORKLOAD.md`, 4 spans
/// and 18 attributes each; `scalingFactor: .one`, so every figure is per batch of 512 spans).
///
/// - `OnEnd.defaultChain.x512`: 512 ended spans through the chain a default provider builds:
///   LLM metrics (exporter `.prometheus`, so nothing is pushed) → sampling rules stage (the
///   defaults: errors kept) → `BatchSpanProcessor` with a no-op exporter. Measured: handing the
///   512 `SpanData` values to the head of the chain (`TracerProvider.processEnded`, SPI), which
///   is what `Span.end()` does after taking its snapshot.
/// - `OTLPEncode.json.x512`: the OTLP/JSON request body of the batch, as the exporter builds it.
/// - `OTLPEncode.gzip.x512`: the same body, gzipped at the exporter's default level.
///
/// The span data is built once, in setup, never inside the measured loop.
import Benchmark
@_spi(Benchmarks) import LLMTrace

func registerExportBenchmarks() {
    Benchmark("OnEnd.defaultChain.x512", configuration: .llmTrace(scalingFactor: .one)) { benchmark, fixture in
        fixture.prepare()
        benchmark.startMeasurement()
        for index in 0..<RAGWorkload.batchSize {
            fixture.handToChain(index)
        }
        benchmark.stopMeasurement()
    } setup: {
        ChainFixture()
    }

    for gzip in [false, true] {
        Benchmark("OTLPEncode.\(gzip ? "gzip" : "json").x512", configuration: .llmTrace(scalingFactor: .one)) { _, batch in
            blackHole(OTLPHTTPExporter.requestBody(for: batch, gzip: gzip))
        } setup: {
            let batch = RAGWorkload.endedBatch()
            precondition(!OTLPHTTPExporter.requestBody(for: batch, gzip: gzip).isEmpty)
            return batch
        }
    }
}

/// A provider configured like the default one, with a batch processor that cannot drop, and the
/// spans of one batch.
final class ChainFixture {
    let batchProcessor: BatchSpanProcessor
    let provider: TracerProvider
    /// The batch as ended span data, handed to the chain span by span.
    let ended: [SpanData]

    init() {
        var configuration = TracingConfiguration()
        configuration.serviceName = RAGWorkload.serviceName
        // LLM metrics aggregated from every span, as by default, but never pushed.
        configuration.metrics.exporters = [.prometheus]
        // configuration.samplingRules: the defaults (errors kept), so the sampling stage is on.
        // The queue holds far more than a batch and the timer never fires during a run: nothing
        // is dropped, and no export runs on the background queue while a batch is measured.
        configuration.batch.maxQueueSize = 1 << 20
        configuration.batch.scheduleDelay = .seconds(3600)
        // Above the 512 spans of an iteration, so that the last `end()` of a batch does not
        // start a drain on the export queue, whose allocations would race with the end of the
        // measurement; `prepare()` drains instead, outside it. This leaves out the one
        // `DispatchQueue.async` per 512 spans the default batch size (512) costs.
        configuration.batch.maxExportBatchSize = 2 * RAGWorkload.batchSize
        batchProcessor = BatchSpanProcessor(exporter: NoopExporter(), configuration: configuration.batch)
        provider = TracerProvider(configuration: configuration, processors: [batchProcessor])
        ended = RAGWorkload.endedBatch()

        // Check the chain: one batch goes through metrics and the sampling stage to the exporter.
        precondition(provider.metrics != nil && provider.samplingStatistics != nil)
        prepare()
        for index in 0..<RAGWorkload.batchSize { handToChain(index) }
        prepare()
        // (LLM metrics count the model calls: their cost adds up.)
        precondition((provider.metrics?.totalCostUSD ?? 0) > 0)
        precondition(batchProcessor.statistics?.exported == RAGWorkload.batchSize)
        precondition(batchProcessor.statistics?.lost == 0)
    }

    /// Before each measurement: exports what the last one queued.
    func prepare() {
        batchProcessor.forceFlush(timeout: .seconds(30))
    }

    /// Hands span `index` of the batch to the head of the provider's processor chain, as
    /// `Span.end()` does once it has its snapshot.
    @inline(__always)
    func handToChain(_ index: Int) {
        provider.processEnded(ended[index])
    }
}
