/// The caller's cost of a span, on a provider whose pipeline does nothing: the sampler of the
/// case, sampling rules off (`samplingRules.keepErrors = false`), LLM metrics off
/// (`metrics.exporters = []`) and one `CountingProcessor`.
///
/// - `SpanStartEnd.sampled` / `.recordOnly` / `.dropped`: `startSpan` (a new root, kind client)
///   then `end()`, with `Samplers.alwaysOn`, a sampler answering `.recordOnly`, and
///   `Samplers.alwaysOff`. One operation = one start and one end.
/// - `SpanStartEnd.attributes5`: `startSpan` (a new root), 5 `setAttribute` calls (a retrieval
///   step's strings, an integer and a double), `end()`, sampled: the allocations a typical span
///   costs its caller (issue 18's "per span start+end with 5 attributes").
/// - `SetAttributes.8`: 8 `setAttribute` calls on a recording span (a GenAI client span's
///   strings, integers, a double and a bool). One operation = the 8 calls on one fresh span;
///   starting and ending the spans is outside the measurement.
///
/// 1000 operations per iteration (`scalingFactor: .kilo`): run with `--scale` for per-operation
/// figures.
import Benchmark
import LLMTrace

func registerSpanBenchmarks() {
    let samplers: [(name: String, sampler: any Sampler, processorSeesSpan: Bool)] = [
        ("sampled", Samplers.alwaysOn, true),
        ("recordOnly", RecordOnlySampler(), true),
        ("dropped", Samplers.alwaysOff, false),
    ]
    for (name, sampler, processorSeesSpan) in samplers {
        Benchmark("SpanStartEnd.\(name)", configuration: .llmTrace(scalingFactor: .kilo)) { benchmark, fixture in
            let tracer = fixture.tracer
            for _ in benchmark.scaledIterations {
                let span = tracer.startSpan("chat gpt-4o-mini", kind: .client, parent: .root)
                span.end()
                blackHole(span)
            }
        } setup: {
            SpanFixture(sampler: sampler, processorSeesSpan: processorSeesSpan)
        }
    }

    Benchmark("SpanStartEnd.attributes5", configuration: .llmTrace(scalingFactor: .kilo)) { benchmark, fixture in
        let tracer = fixture.tracer
        for _ in benchmark.scaledIterations {
            let span = tracer.startSpan("retrieval", parent: .root)
            span.setAttribute("gen_ai.operation.name", "retrieval")
            span.setAttribute("gen_ai.data_source.id", "docs")
            span.setAttribute("retrieval.doc_count", 20)
            span.setAttribute("retrieval.top_score", 0.87)
            span.setAttribute("user.query_hash", "ae746de220807d6f1e4e46fbe91fcdc34b7f56321bbb16b089c28e1a43a4589a")
            span.end()
            blackHole(span)
        }
    } setup: {
        SpanFixture(sampler: Samplers.alwaysOn, processorSeesSpan: true)
    }

    Benchmark("SetAttributes.8", configuration: .llmTrace(scalingFactor: .kilo)) { benchmark, fixture in
        fixture.startSpans(benchmark.scaledIterations.count)
        benchmark.startMeasurement()
        for span in fixture.spans {
            setGenAIAttributes(on: span)
        }
        benchmark.stopMeasurement()
        fixture.endSpans()
    } setup: {
        SpanFixture(sampler: Samplers.alwaysOn, processorSeesSpan: true)
    }
}

/// The 8 attributes of `SetAttributes.8`: what GenAI instrumentation sets on a chat span once
/// the response is in.
@inline(__always)
func setGenAIAttributes(on span: Span) {
    span.setAttribute("gen_ai.operation.name", "chat")
    span.setAttribute("gen_ai.provider.name", "openai")
    span.setAttribute("gen_ai.request.model", "gpt-4o-mini")
    span.setAttribute("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
    span.setAttribute("gen_ai.usage.input_tokens", 1523)
    span.setAttribute("gen_ai.usage.output_tokens", 847)
    span.setAttribute("gen_ai.request.temperature", 0.2)
    span.setAttribute("gen_ai.request.stream", false)
}

/// A provider with a trivial pipeline, and spans started on it ahead of a measurement.
final class SpanFixture {
    let processor = CountingProcessor()
    let provider: TracerProvider
    let tracer: Tracer
    /// Recording spans started by `startSpans`, not yet ended.
    private(set) var spans: [Span] = []

    init(sampler: any Sampler, processorSeesSpan: Bool) {
        var configuration = TracingConfiguration()
        configuration.serviceName = RAGWorkload.serviceName
        configuration.sampler = sampler
        configuration.samplingRules.keepErrors = false
        configuration.metrics.exporters = []
        provider = TracerProvider(configuration: configuration, processors: [processor])
        tracer = provider.tracer(RAGWorkload.scopeName, version: TracerProvider.sdkVersion)

        // Check that the pipeline is the trivial one this benchmark means to measure.
        precondition(provider.processors.count == 1 && provider.processors[0] is CountingProcessor)
        precondition(provider.metrics == nil && provider.samplingStatistics == nil)
        tracer.startSpan("check", parent: .root).end()
        precondition(processor.ended.load(ordering: .relaxed) == (processorSeesSpan ? 1 : 0))
    }

    /// Starts `count` recording spans (new roots, kind client) into `spans`.
    func startSpans(_ count: Int) {
        spans.removeAll(keepingCapacity: true)
        spans.reserveCapacity(count)
        for _ in 0..<count {
            spans.append(tracer.startSpan("chat gpt-4o-mini", kind: .client, parent: .root))
        }
    }

    /// Ends and forgets the spans of `startSpans`.
    func endSpans() {
        for span in spans { span.end() }
        spans.removeAll(keepingCapacity: true)
    }
}
