import Logging
internal import LLMTraceSupport

/// A swift-log `LogHandler` that turns log lines into OpenTelemetry log records, exported with
/// the provider's log settings (OTLP `/v1/logs` by default).
///
/// Each record carries the time, the severity (from the level), the message as body, the
/// metadata as attributes, the source location under `code.*`, and the trace id, span id and
/// flags of the span current where the line was logged. Bootstrap it beside your console
/// handler:
///
/// ```swift
/// LoggingSystem.bootstrap { label in
///     MultiplexLogHandler([StreamLogHandler.standardError(label: label), provider.logHandler(label: label)])
/// }
/// ```
///
/// LLMTrace's own loggers (labels `llmtrace` and `llmtrace.*`) are never exported: its
/// diagnostics about an export must not feed the next one.
public struct LLMTraceLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    /// Lines below it are not exported. Default: info.
    public var logLevel: Logger.Level = .info
    private let label: String
    private let pipeline: LogPipeline?
    private let scope: InstrumentationScope?

    init(label: String, pipeline: LogPipeline?, metadataProvider: Logger.MetadataProvider?) {
        self.label = label
        self.metadataProvider = metadataProvider
        // Records of LLMTrace's own loggers would loop back into the export they describe.
        let isOwn = label == "llmtrace" || label.hasPrefix("llmtrace.")
        self.pipeline = isOwn ? nil : pipeline
        self.scope = self.pipeline?.scope(label)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        guard let pipeline, let scope else { return }
        let now = WallClock.nowUnixNano()
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        let spanContext = TraceContext.current
        var attributes = AttributeList()
        // Source location and error first: the count limit drops metadata, not these.
        attributes.add(OTelAttributes.codeFilePath, .string(event.file))
        attributes.add(OTelAttributes.codeFunctionName, .string(event.function))
        attributes.add(OTelAttributes.codeLineNumber, .int(Int(event.line)))
        if let error = event.error {
            attributes.add(OTelAttributes.exceptionType, .string(String(reflecting: type(of: error))))
            attributes.add(OTelAttributes.exceptionMessage, .string(String(describing: error)))
        }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            // The record carries the span itself; the correlation keys would repeat it.
            if spanContext != nil, key == "trace_id" || key == "span_id" || key == "trace_flags" { continue }
            Self.flatten(value, key: key, into: &attributes)
        }
        pipeline.emit(LogRecordData(
            timeUnixNano: now, observedTimeUnixNano: now, severity: LogSeverity(event.level), severityText: event.level.rawValue,
            body: event.message.description, attributes: Attributes(unique: attributes.elements), spanContext: spanContext,
            resource: pipeline.resource, scope: scope
        ))
    }

    /// Attributes in order, each key once (the first wins), in linear time.
    struct AttributeList {
        private(set) var elements: [Attribute] = []
        private var keys: Set<String> = []

        mutating func add(_ key: String, _ value: AttributeValue) {
            guard !key.isEmpty, keys.insert(key).inserted else { return }
            elements.append(Attribute(key, value))
        }
    }

    /// Metadata as attributes: nested dictionaries as dotted keys, arrays as string arrays.
    static func flatten(_ value: Logger.Metadata.Value, key: String, into attributes: inout AttributeList) {
        switch value {
        case .string(let text): attributes.add(key, .string(text))
        case .stringConvertible(let convertible): attributes.add(key, .string(convertible.description))
        case .array(let values): attributes.add(key, .stringArray(values.map(\.description)))
        case .dictionary(let nested):
            for (inner, innerValue) in nested.sorted(by: { $0.key < $1.key }) { flatten(innerValue, key: key + "." + inner, into: &attributes) }
        }
    }
}
