import LLMTrace
import LLMTraceGenAI
import LLMTraceTestSupport
import Logging

/// Collects log messages, to check what the instrumentation warns about.
final class LogCapture: Sendable {
    private let lines = Locked<[String]>([])

    var messages: [String] { lines.withLock { $0 } }

    var logger: Logger {
        Logger(label: "test") { _ in CapturingHandler(lines: self.lines) }
    }

    struct CapturingHandler: LogHandler {
        let lines: Locked<[String]>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            lines.withLock { $0.append("\(event.level): \(event.message)") }
        }
    }
}

/// A GenAI tracer over an in-memory provider.
func makeGenAI(environment: [String: String] = [:], logger: Logger = Logger(label: "test")) -> (GenAITracer, TracerProvider, InMemorySpanExporter) {
    let (provider, exporter) = makeInMemoryProvider { configuration in
        configuration = TracingConfiguration(environment: environment)
        configuration.samplingRules.decisionWait = .zero
    }
    let genAI = GenAITracer(tracer: provider.tracer("genai-test"), configuration: GenAIConfiguration(environment: environment), logger: logger)
    return (genAI, provider, exporter)
}

extension InMemorySpanExporter {
    func span(named name: String) -> SpanData? { spans.first { $0.name == name } }
}
