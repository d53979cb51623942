internal import LLMTraceSupport

/// Writes one readable line per span to standard error: for development, and for seeing what
/// an app would send without running a receiver.
///
/// Chosen with `OTEL_TRACES_EXPORTER=console`.
struct ConsoleSpanExporter: SpanExporter {
    /// Creates the exporter.
    init() {}

    func export(_ batch: [SpanData], deadline: ContinuousClock.Instant) -> ExportResult {
        var text = ""
        for span in batch { text += Self.line(for: span) + "\n" }
        FileDescriptorOutput.write(text, to: 2)
        return .success
    }

    /// The line for one span: name, ids, kind, duration, status and attributes.
    static func line(for span: SpanData) -> String {
        let durationMs = Double(span.durationNanos) / 1e6
        let rounded = (durationMs * 1000).rounded() / 1000
        var line = "[llmtrace] \(span.name) trace=\(span.context.traceID) span=\(span.context.spanID)"
        line += " parent=\(span.parentSpanID.map { $0.hexString } ?? "-")"
        line += " kind=\(span.kind) duration=\(rounded)ms"
        switch span.status {
        case .unset: break
        case .ok: line += " status=ok"
        case .error(let description): line += " status=error(\(description))"
        }
        if !span.attributes.isEmpty {
            line += " {" + span.attributes.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
        }
        for event in span.events { line += " event=\(event.name)" }
        return line
    }
}
