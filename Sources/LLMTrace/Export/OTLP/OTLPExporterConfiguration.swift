internal import LLMTraceSupport

/// Settings of an OTLP/HTTP exporter (spans or metrics).
public struct OTLPExporterConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// Body compression.
    public enum Compression: String, Sendable, Equatable {
        case none
        case gzip
    }

    /// The URL spans are posted to, path included.
    /// - Environment: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as is, else `OTEL_EXPORTER_OTLP_ENDPOINT`
    ///   with `/v1/traces` appended. Default: `http://localhost:4318/v1/traces`.
    public var endpoint = "http://localhost:4318/v1/traces"
    /// The encoding of the bodies.
    /// - Environment: `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`
    ///   (`http/protobuf`, `http/json`; `grpc` logs a warning and keeps the default). Default: http/json.
    public var `protocol` = OTLPProtocol.httpJSON
    /// Extra request headers, such as an API key, sent in this order. Their values are never
    /// logged.
    /// - Environment: `OTEL_EXPORTER_OTLP_TRACES_HEADERS`, else `OTEL_EXPORTER_OTLP_HEADERS`.
    public var headers: [(name: String, value: String)] = []
    /// Behind a batch processor, the longest wait for one request's answer (the delivery queue
    /// retries on its own); for a direct `export` call, the longest the export may take, retries
    /// included. `.zero` = no limit (an hour per request).
    /// - Environment: `OTEL_EXPORTER_OTLP_TRACES_TIMEOUT`, else `OTEL_EXPORTER_OTLP_TIMEOUT` (ms). Default: 10 s.
    public var timeout: Duration = .seconds(10)
    /// Body compression.
    /// - Environment: `OTEL_EXPORTER_OTLP_TRACES_COMPRESSION`, else `OTEL_EXPORTER_OTLP_COMPRESSION`. Default: none.
    public var compression = Compression.none
    /// gzip level, 1 (fastest) to 9 (smallest). Level 1 is ISA-L's igzip; 2–9 are libdeflate's
    /// levels, which also go on to 12 (slower still, for a few bytes less) when set in code. The
    /// exporter uses level 1, with one warning, for a level outside 1–12.
    ///
    /// Span JSON is mostly repeated keys and names, which the fastest level already finds:
    /// level 1 sends about 43 bytes per span of the benchmark's workload against about 35 at
    /// level 6, for a tenth of the CPU, and that CPU is the app's.
    /// - Environment: `LLMTRACE_OTLP_GZIP_LEVEL` (1–9). Default: 1.
    public var gzipLevel: Int32 = 1
    /// PEM file of the CA that signs the receiver's certificate, for `https`; `nil` uses the
    /// system store. Verification of the receiver's certificate always stays on.
    /// - Environment: `OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE`, else `OTEL_EXPORTER_OTLP_CERTIFICATE`.
    public var certificateFile: String?
    /// PEM client certificate (chain) for mutual TLS.
    /// - Environment: `OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE`, else `OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE`.
    public var clientCertificateFile: String?
    /// PEM private key of the client certificate.
    /// - Environment: `OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY`, else `OTEL_EXPORTER_OTLP_CLIENT_KEY`.
    public var clientKeyFile: String?
    /// The backlog behind a batch processor: bytes held in memory, requests in flight, the
    /// optional spool on disk.
    public var delivery = DeliveryConfiguration()
    /// Retry timing for 429, 502, 503, 504 and connection errors.
    var retry = RetryPolicy()
    /// Largest body (before compression) that is sent; a larger batch is dropped and counted.
    public var maxRequestBytes = 64 << 20

    /// The defaults above.
    public init() {}

    /// The certificates, as the transport takes them.
    var tls: TLSConfiguration {
        TLSConfiguration(certificateFile: certificateFile, clientCertificateFile: clientCertificateFile, clientKeyFile: clientKeyFile)
    }

    public var description: String {
        "endpoint=\(Redaction.url(endpoint)) protocol=\(`protocol`.rawValue) compression=\(compression.rawValue) timeout=\(timeout) headers=\(headers.map(\.name))"
    }

    public static func == (lhs: OTLPExporterConfiguration, rhs: OTLPExporterConfiguration) -> Bool {
        lhs.endpoint == rhs.endpoint && lhs.protocol == rhs.protocol
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
            && lhs.timeout == rhs.timeout && lhs.compression == rhs.compression && lhs.gzipLevel == rhs.gzipLevel
            && lhs.certificateFile == rhs.certificateFile && lhs.clientCertificateFile == rhs.clientCertificateFile
            && lhs.clientKeyFile == rhs.clientKeyFile && lhs.retry == rhs.retry && lhs.maxRequestBytes == rhs.maxRequestBytes
            && lhs.delivery == rhs.delivery
    }
}
