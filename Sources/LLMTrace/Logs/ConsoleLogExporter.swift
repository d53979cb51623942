internal import LLMTraceSupport

/// Writes each log record as one line on standard error (`OTEL_LOGS_EXPORTER=console`), with its
/// trace and span ids, for a look without a collector.
struct ConsoleLogExporter: LogRecordExporter {
    func export(_ batch: [LogRecordData], deadline: ContinuousClock.Instant) -> ExportResult {
        var text = ""
        for record in batch {
            text += "\(record.timeUnixNano) \(record.severityText.uppercased()) [\(record.scope.name)]"
            if let name = record.eventName { text += " \(name)" }
            if let body = record.body { text += " \(body)" }
            if let context = record.spanContext, context.isValid { text += " trace_id=\(context.traceID) span_id=\(context.spanID)" }
            for attribute in record.attributes { text += " \(attribute.key)=\(attribute.value)" }
            text += "\n"
        }
        FileDescriptorOutput.write(text, to: 2)
        return .success
    }

    func shutdown(deadline: ContinuousClock.Instant) {}
}
