/// W3C Trace Context propagation through a tracer (`Tracer.inject`/`extract`, the default
/// propagators), as on every outgoing and incoming request.
///
/// - `W3C.inject`: `inject(context, into: &headers)` of a sampled context without trace state,
///   into request headers that already hold `content-type` and a `traceparent` from the previous
///   call (so the steady state: the value is replaced, the dictionary does not grow).
/// - `W3C.extract`: `extract(from:)` of incoming headers holding a valid `traceparent`, no
///   `tracestate`, and three other headers (the absent `tracestate` costs a case-insensitive scan).
///
/// One operation = one call; 1000 per iteration (`scalingFactor: .kilo`): run with `--scale` for
/// per-operation figures.
import Benchmark
import LLMTrace

func registerPropagationBenchmarks() {
    Benchmark("W3C.inject", configuration: .llmTrace(scalingFactor: .kilo)) { benchmark, context in
        let tracer = Propagation.tracer
        var headers = ["content-type": "application/json"]
        headers.reserveCapacity(4)
        tracer.inject(into: &headers, context: context)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            tracer.inject(into: &headers, context: context)
            blackHole(headers)
        }
        benchmark.stopMeasurement()
    } setup: {
        let context = SpanContext(
            traceID: TraceID(high: 0x4bf9_2f35_77b3_4da6, low: 0xa3ce_929d_0e0e_4736),
            spanID: SpanID(0x00f0_67aa_0ba9_02b7),
            isSampled: true
        )
        var headers: [String: String] = [:]
        Propagation.tracer.inject(into: &headers, context: context)
        precondition(headers["traceparent"] == Propagation.traceparent)
        return context
    }

    Benchmark("W3C.extract", configuration: .llmTrace(scalingFactor: .kilo)) { benchmark, headers in
        let tracer = Propagation.tracer
        for _ in benchmark.scaledIterations {
            blackHole(tracer.extract(from: headers))
        }
    } setup: {
        let headers = [
            "traceparent": Propagation.traceparent,
            "content-type": "application/json",
            "user-agent": "rag-demo/1.0",
            "accept": "application/json",
        ]
        precondition(Propagation.tracer.extract(from: headers)?.isSampled == true)
        return headers
    }
}

enum Propagation {
    /// A tracer of a disabled provider: its propagators are the default ones (W3C Trace Context
    /// and Baggage), and nothing else runs.
    static let tracer = TracerProvider(configuration: {
        var configuration = TracingConfiguration()
        configuration.disabled = true
        return configuration
    }()).tracer("llmtrace-bench")

    /// The W3C specification's example `traceparent`.
    static let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
}
