import Logging
internal import LLMTraceSupport

/// Exports log records over OTLP/HTTP (`POST /v1/logs`), JSON or protobuf, with the same
/// client as spans: one deadline, gzip, headers, retries with `Retry-After`, partial success.
public final class OTLPHTTPLogExporter: LogRecordExporter {
    /// The settings in force.
    public var configuration: OTLPExporterConfiguration { client.configuration }
    private let client: OTLPHTTPClient

    /// Creates an exporter that posts with libcurl.
    public convenience init(configuration: OTLPExporterConfiguration, logger: Logger = Logger(label: "llmtrace")) {
        self.init(configuration: configuration, transport: nil, logger: logger)
    }

    init(configuration: OTLPExporterConfiguration, transport: (any HTTPTransport)?, logger: Logger) {
        client = OTLPHTTPClient(configuration: configuration, transport: transport, logger: logger, rejectedKey: "rejectedLogRecords")
    }

    public func export(_ batch: [LogRecordData], deadline: ContinuousClock.Instant) -> ExportResult {
        guard !batch.isEmpty else { return client.isShutdown ? .failure(.shutdown) : .success }
        let wireProtocol = configuration.protocol
        return client.send(batch, itemName: "log records", deadline: Deadline(deadline), estimatedSize: OTLPLogsEncoder.estimatedSize(of:)) { records, writer in
            OTLPLogsEncoder.encode(records, wireProtocol, into: &writer)
        }
    }

    public func shutdown(deadline: ContinuousClock.Instant) { client.shutdown() }
}
