import LLMTrace
import LLMTraceGenAI
import LLMTraceTesting
import Logging

/// A GenAI tracer over an in-memory provider.
func makeGenAI(environment: [String: String] = [:], logger: Logger = Logger(label: "test")) -> (GenAITracer, TracerProvider, InMemorySpanExporter) {
    let (provider, exporter) = TestTracing.provider { configuration in
        configuration = TracingConfiguration(environment: environment)
        configuration.samplingRules.decisionWait = .zero
    }
    let genAI = GenAITracer(tracer: provider.tracer("genai-test"), configuration: GenAIConfiguration(environment: environment), logger: logger)
    return (genAI, provider, exporter)
}

extension InMemorySpanExporter {
    func span(named name: String) -> SpanData? { spans.first { $0.name == name } }
}
