import Logging
internal import LLMTraceSupport

/// Exports spans over OTLP/HTTP (`POST /v1/traces`), as JSON or protobuf
/// (`OTLPExporterConfiguration.protocol`).
///
/// Behind a `BatchSpanProcessor`, each batch is encoded once (gzipped if configured) as soon as
/// it is full and handed to the exporter's delivery queue, which holds the bodies within a byte
/// bound, sends up to `delivery.concurrency` at once and retries 429, 502, 503, 504, connection
/// errors and timeouts for as long as it takes, honouring `Retry-After`; with
/// `delivery.spoolDirectory` the backlog goes to disk and survives a restart
/// (`DeliveryConfiguration`). Other statuses fail a batch at once. A 200 with `partialSuccess`
/// reports the rejected count.
///
/// Called directly, `export` sends the batch itself and returns its outcome, retrying within one
/// deadline: the smaller of the caller's and `timeout`. The exporter creates no spans of its
/// own, so its HTTP calls are never traced.
public final class OTLPHTTPExporter: SpanExporter {
    /// The settings in force.
    public var configuration: OTLPExporterConfiguration { client.configuration }
    private let client: OTLPHTTPClient
    /// The backlog the batch processor hands its batches to.
    let delivery: DeliveryQueue

    /// Creates an exporter that posts with libcurl (a kept-alive connection per request in
    /// flight, `delivery.concurrency`; TLS as configured).
    /// - Parameters:
    ///   - configuration: Endpoint, headers, compression, timeouts, certificates.
    ///   - logger: For rare diagnostics; header values never reach it.
    public convenience init(configuration: OTLPExporterConfiguration = OTLPExporterConfiguration(), logger: Logger = Logger(label: "llmtrace")) {
        self.init(configuration: configuration, transport: nil, logger: logger)
    }

    /// Creates an exporter that posts through `transport` (tests use their own).
    init(configuration: OTLPExporterConfiguration, transport: (any HTTPTransport)?, logger: Logger) {
        client = OTLPHTTPClient(configuration: configuration, transport: transport, logger: logger, rejectedKey: "rejectedSpans")
        delivery = DeliveryQueue(client: client, signal: .traces, itemName: "spans", logger: logger)
    }

    public func export(_ batch: [SpanData], deadline: ContinuousClock.Instant) -> ExportResult {
        guard !batch.isEmpty else { return client.isShutdown ? .failure(.shutdown) : .success }
        return send(batch, deadline: Deadline(deadline))
    }

    private func send(_ batch: [SpanData], deadline: Deadline) -> ExportResult {
        let wireProtocol = configuration.protocol
        return client.send(batch, itemName: "spans", deadline: deadline, estimatedSize: { Self.estimatedSize(of: $0, wireProtocol) }) { items, writer in
            Self.encode(items, wireProtocol, into: &writer)
        }
    }

    /// Encodes `batch` and queues it for delivery, waiting at most until `deadline` for a
    /// receiver that is behind: the batch processor's path.
    func enqueue(_ batch: [SpanData], deadline: ContinuousClock.Instant) {
        let wireProtocol = configuration.protocol
        delivery.submit(batch, waitingUntil: Deadline(deadline), estimatedSize: { Self.estimatedSize(of: $0, wireProtocol) }) { items, writer in
            Self.encode(items, wireProtocol, into: &writer)
        }
    }

    /// Waits until the queued batches are delivered or have failed for good, or until `deadline`.
    public func forceFlush(deadline: ContinuousClock.Instant) -> Bool { delivery.flush(deadline: Deadline(deadline)) }

    /// Sends what is queued by `deadline`, spools or counts the rest, and stops.
    public func shutdown(deadline: ContinuousClock.Instant) { delivery.shutdown(deadline: Deadline(deadline)) }

    static func encode(_ batch: [SpanData], _ wireProtocol: OTLPProtocol, into writer: inout ByteWriter) {
        switch wireProtocol {
        case .httpJSON: OTLPJSONEncoder.encode(batch, into: &writer)
        case .httpProtobuf: OTLPProtobufEncoder.encode(batch, into: &writer)
        }
    }

    static func estimatedSize(of count: Int, _ wireProtocol: OTLPProtocol) -> Int {
        wireProtocol == .httpJSON ? OTLPJSONEncoder.estimatedSize(of: count) : OTLPProtobufEncoder.estimatedSize(of: count)
    }
}

extension OTLPHTTPExporter {
    /// The request body the exporter posts for `batch` in `protocol`, gzipped at the default
    /// level when `gzip` is set. For the benchmarks, which measure encoding without a network.
    @_spi(Benchmarks)
    public static func requestBody(for batch: [SpanData], gzip: Bool, protocol wireProtocol: OTLPProtocol = .httpJSON) -> [UInt8] {
        // Written as the exporter writes them: an uncompressed body into its array, one to be
        // compressed into a writer.
        guard gzip else { return ByteWriter.array(capacity: estimatedSize(of: batch.count, wireProtocol)) { encode(batch, wireProtocol, into: &$0) } }
        var writer = ByteWriter(capacity: estimatedSize(of: batch.count, wireProtocol))
        encode(batch, wireProtocol, into: &writer)
        return benchmarkCompressor.withLock { kept in
            // Kept from call to call, as the exporter keeps its own.
            guard let compressor = try? GzipCompressor.reusing(&kept, level: OTLPExporterConfiguration().gzipLevel) else { return writer.bytes }
            return (try? writer.withUnsafeBytes { try compressor.compress($0) }) ?? writer.bytes
        }
    }

    private static let benchmarkCompressor = Locked<GzipCompressor?>(nil)
}
