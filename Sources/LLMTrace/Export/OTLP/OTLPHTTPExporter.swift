import Logging
internal import LLMTraceSupport

/// Exports spans over OTLP/HTTP (`POST /v1/traces`), as JSON or protobuf
/// (`OTLPExporterConfiguration.protocol`).
///
/// Each batch is encoded once, gzipped if configured, and posted. 429, 502, 503, 504 and
/// connection errors are retried with backoff and jitter, honouring `Retry-After` (seconds or an
/// HTTP date), all within one deadline: the smaller of the caller's and `timeout`. Other
/// statuses fail the batch at once. A 200 with `partialSuccess` reports the rejected count. The
/// exporter creates no spans of its own, so its HTTP calls are never traced.
public final class OTLPHTTPExporter: SpanExporter {
    /// The settings in force.
    public var configuration: OTLPExporterConfiguration { client.configuration }
    private let client: OTLPHTTPClient

    /// Creates an exporter that posts with libcurl (one kept-alive connection, TLS as configured).
    /// - Parameters:
    ///   - configuration: Endpoint, headers, compression, timeouts, certificates.
    ///   - logger: For rare diagnostics; header values never reach it.
    public convenience init(configuration: OTLPExporterConfiguration = OTLPExporterConfiguration(), logger: Logger = Logger(label: "llmtrace")) {
        self.init(configuration: configuration, transport: nil, logger: logger)
    }

    /// Creates an exporter that posts through `transport` (tests use their own).
    init(configuration: OTLPExporterConfiguration, transport: (any HTTPTransport)?, logger: Logger) {
        client = OTLPHTTPClient(configuration: configuration, transport: transport, logger: logger, rejectedKey: "rejectedSpans")
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

    public func shutdown(deadline: ContinuousClock.Instant) { client.shutdown() }

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
        var writer = ByteWriter(capacity: estimatedSize(of: batch.count, wireProtocol))
        encode(batch, wireProtocol, into: &writer)
        guard gzip else { return writer.bytes }
        return (try? writer.withUnsafeBytes { try Gzip.compress($0, level: OTLPExporterConfiguration().gzipLevel) }) ?? writer.bytes
    }
}
