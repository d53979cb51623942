import Logging
internal import LLMTraceSupport

/// Exports log records over OTLP/HTTP (`POST /v1/logs`), JSON or protobuf, with the same
/// client and delivery queue as spans: gzip, headers, a byte-bounded backlog retried with
/// `Retry-After`, concurrent requests, the optional spool, partial success.
public final class OTLPHTTPLogExporter: LogRecordExporter {
    /// The settings in force.
    public var configuration: OTLPExporterConfiguration { client.configuration }
    private let client: OTLPHTTPClient
    /// The backlog the batch processor hands its batches to.
    let delivery: DeliveryQueue

    /// Creates an exporter that posts with libcurl.
    public convenience init(configuration: OTLPExporterConfiguration, logger: Logger = Logger(label: "llmtrace")) {
        self.init(configuration: configuration, transport: nil, logger: logger)
    }

    init(configuration: OTLPExporterConfiguration, transport: (any HTTPTransport)?, logger: Logger) {
        client = OTLPHTTPClient(configuration: configuration, transport: transport, logger: logger, rejectedKey: "rejectedLogRecords")
        delivery = DeliveryQueue(client: client, signal: .logs, itemName: "log records", logger: logger)
    }

    public func export(_ batch: [LogRecordData], deadline: ContinuousClock.Instant) -> ExportResult {
        guard !batch.isEmpty else { return client.isShutdown ? .failure(.shutdown) : .success }
        let wireProtocol = configuration.protocol
        return client.send(batch, itemName: "log records", deadline: Deadline(deadline), estimatedSize: OTLPLogsEncoder.estimatedSize(of:)) { records, writer in
            OTLPLogsEncoder.encode(records, wireProtocol, into: &writer)
        }
    }

    /// Encodes `batch` and queues it for delivery, waiting at most until `deadline` for a
    /// receiver that is behind: the batch processor's path.
    func enqueue(_ batch: [LogRecordData], deadline: ContinuousClock.Instant) {
        let wireProtocol = configuration.protocol
        delivery.submit(batch, waitingUntil: Deadline(deadline), estimatedSize: OTLPLogsEncoder.estimatedSize(of:)) { records, writer in
            OTLPLogsEncoder.encode(records, wireProtocol, into: &writer)
        }
    }

    /// Waits until the queued batches are delivered or have failed for good, or until `deadline`.
    public func forceFlush(deadline: ContinuousClock.Instant) -> Bool { delivery.flush(deadline: Deadline(deadline)) }

    /// Sends what is queued by `deadline`, spools or counts the rest, and stops.
    public func shutdown(deadline: ContinuousClock.Instant) { delivery.shutdown(deadline: Deadline(deadline)) }
}
