import Logging
internal import LLMTraceSupport

/// Where a provider's log records go: records built from swift-log events (or GenAI events),
/// limited, and queued for the batch log record processor(s).
final class LogPipeline: Sendable {
    let resource: Resource
    let configuration: LogsConfiguration
    private let queues: [BatchQueue<LogRecordData>]
    private let scopes = Locked<[String: InstrumentationScope]>([:])

    /// The exporters `configuration.exporters` names.
    static func exporters(for configuration: LogsConfiguration, logger: Logger) -> [any LogRecordExporter] {
        configuration.exporters.compactMap { kind -> (any LogRecordExporter)? in
            switch kind {
            case .otlp: return OTLPHTTPLogExporter(configuration: configuration.otlp, logger: logger)
            case .console: return ConsoleLogExporter()
            case .prometheus: return nil
            }
        }
    }

    /// A pipeline with one batch log record processor per exporter.
    init(exporters: [any LogRecordExporter], configuration: LogsConfiguration, resource: Resource, logger: Logger) {
        self.configuration = configuration
        self.resource = resource
        queues = exporters.map { exporter in
            BatchQueue(
                label: "llmtrace.batch-log-record-processor.export", configuration: configuration.batch,
                itemName: "log records", queueSizeVariable: EnvironmentKey.batch(.maxQueueSize, logs: true), logger: logger,
                sink: (exporter as? OTLPHTTPLogExporter).map { .handingOff(to: $0.delivery, enqueue: $0.enqueue) } ?? .init(
                    export: { exporter.export($0, deadline: $1) },
                    forceFlush: { exporter.forceFlush(deadline: $0) },
                    shutdown: { exporter.shutdown(deadline: $0) }
                )
            )
        }
    }

    /// The scope of a logger label, one instance per label, so records group by identity.
    func scope(_ name: String) -> InstrumentationScope {
        scopes.withLock { scopes in
            if let existing = scopes[name] { return existing }
            let scope = InstrumentationScope(name: name)
            scopes[name] = scope
            return scope
        }
    }

    /// Applies the limits and queues the record; never blocks.
    func emit(_ record: LogRecordData) {
        var record = record
        if record.attributes.count > configuration.attributeCountLimit {
            record.droppedAttributesCount += record.attributes.count - max(0, configuration.attributeCountLimit)
            record.attributes = Attributes(unique: Array(record.attributes.elements.prefix(max(0, configuration.attributeCountLimit))))
        }
        if let limit = configuration.attributeValueLengthLimit {
            record.attributes = Attributes(unique: record.attributes.elements.map { Attribute($0.key, $0.value.truncated(toCharacters: limit).value) })
            record.body = record.body?.truncated(toCharacters: limit).value
        }
        for queue in queues { queue.enqueue(record) }
    }

    var statistics: ExportStatistics { queues.reduce(ExportStatistics()) { $0 + $1.statistics } }

    func forceFlush(timeout: Duration) -> Bool {
        let deadline = Deadline.after(timeout)
        return queues.allSatisfy { $0.forceFlush(timeout: .nanoseconds(Int64(clamping: deadline.remainingNanos))) }
    }

    func shutdown(timeout: Duration) -> Bool {
        let deadline = Deadline.after(timeout)
        return queues.map { $0.shutdown(timeout: .nanoseconds(Int64(clamping: deadline.remainingNanos))) }.allSatisfy { $0 }
    }
}
