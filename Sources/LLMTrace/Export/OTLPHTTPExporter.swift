import Dispatch
import Foundation
import Logging
import Synchronization

/// Settings of the OTLP/HTTP JSON exporter.
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
    /// Extra request headers, such as an API key. Their values are never logged.
    /// - Environment: `OTEL_EXPORTER_OTLP_TRACES_HEADERS`, else `OTEL_EXPORTER_OTLP_HEADERS`.
    public var headers: [Header] = []
    /// Longest time one export may take, retries included; `.zero` = no limit.
    /// - Environment: `OTEL_EXPORTER_OTLP_TRACES_TIMEOUT`, else `OTEL_EXPORTER_OTLP_TIMEOUT` (ms). Default: 10 s.
    public var timeout: Duration = .seconds(10)
    /// Body compression.
    /// - Environment: `OTEL_EXPORTER_OTLP_TRACES_COMPRESSION`, else `OTEL_EXPORTER_OTLP_COMPRESSION`. Default: none.
    public var compression = Compression.none
    /// gzip level, 1 (fastest) to 9 (smallest).
    ///
    /// Span JSON is mostly repeated keys and names, which the fast levels already find: level 2
    /// sends about 44 bytes per typical span against about 38 at zlib's default 6, for well
    /// under half the CPU, and that CPU is the app's.
    /// - Environment: `LLMTRACE_OTLP_GZIP_LEVEL`. Default: 2.
    public var gzipLevel: Int32 = 2
    /// Certificates for https.
    public var tls = TLSConfiguration()
    /// Retry timing for 429, 502, 503, 504 and connection errors.
    public var retry = RetryPolicy()
    /// Largest body (before compression) that is sent; a larger batch is dropped and counted.
    public var maxRequestBytes = 64 << 20

    /// The defaults above.
    public init() {}

    /// One header; `description` hides the value.
    public struct Header: Sendable, Equatable, CustomStringConvertible {
        /// The header name.
        public var name: String
        /// The header value; may be a secret.
        public var value: String
        /// Creates a header.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
        public var description: String { "\(name): <redacted>" }
    }

    public var description: String {
        "endpoint=\(TracingConfiguration.redactedURL(endpoint)) compression=\(compression.rawValue) timeout=\(timeout) headers=\(headers.map(\.name))"
    }
}

/// Exponential backoff with jitter, as the OTLP exporter specification asks.
public struct RetryPolicy: Sendable, Equatable {
    /// The first wait.
    public var initialBackoff: Duration = .seconds(1)
    /// The longest wait.
    public var maxBackoff: Duration = .seconds(30)
    /// Growth per attempt.
    public var multiplier = 2.0
    /// Most attempts per export, the first included.
    public var maxAttempts = 10

    /// The defaults above.
    public init() {}

    /// The wait before attempt `attempt + 1` (0-based), randomized to 50–150 %.
    func backoff(afterAttempt attempt: Int) -> Duration {
        let base = Double(initialBackoff.nanoseconds) * pow(multiplier, Double(max(0, attempt)))
        let capped = min(base, Double(maxBackoff.nanoseconds))
        return .nanoseconds(Int64(capped * Double.random(in: 0.5...1.5)))
    }
}

/// Exports spans as OTLP/HTTP JSON (`POST /v1/traces`, `Content-Type: application/json`).
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

    /// Creates an exporter.
    /// - Parameters:
    ///   - configuration: Endpoint, headers, compression, timeouts.
    ///   - transport: The HTTP client; default: libcurl with the configured TLS settings.
    ///   - logger: For rare diagnostics; header values never reach it.
    public init(configuration: OTLPExporterConfiguration = OTLPExporterConfiguration(), transport: (any HTTPTransport)? = nil, logger: Logger = Logger(label: "llmtrace")) {
        client = OTLPHTTPClient(configuration: configuration, transport: transport, logger: logger, rejectedKey: "rejectedSpans")
    }

    public func export(_ batch: [SpanData], deadline callerDeadline: Deadline) -> ExportResult {
        guard !batch.isEmpty else { return client.isShutdown ? .failure(.shutdown) : .success }
        return send(batch, deadline: callerDeadline)
    }

    /// Sends `batch`; one over `maxRequestBytes` is sent in halves, so that only a span too
    /// large on its own is lost (reported as rejected by the combined result).
    private func send(_ batch: [SpanData], deadline: Deadline) -> ExportResult {
        let result = client.send(deadline: deadline, estimatedSize: OTLPJSONEncoder.estimatedSize(of: batch.count)) { writer in
            OTLPJSONEncoder.encode(batch, into: &writer)
        }
        guard case .failure(.payloadTooLarge) = result, batch.count > 1 else { return result }
        let halves = [Array(batch[..<(batch.count / 2)]), Array(batch[(batch.count / 2)...])]
        var rejected = 0
        var messages: [String] = []
        var firstFailure: ExportError?
        for half in halves {
            switch send(half, deadline: deadline) {
            case .success:
                break
            case .partialSuccess(let count, let message):
                rejected += count
                if !message.isEmpty { messages.append(message) }
            case .failure(let error):
                rejected += half.count
                messages.append("\(half.count) spans not sent: \(error)")
                firstFailure = firstFailure ?? error
            }
        }
        if rejected == batch.count, let firstFailure { return .failure(firstFailure) }
        return rejected == 0 ? .success : .partialSuccess(rejected: rejected, message: messages.joined(separator: "; "))
    }

    public func shutdown(deadline: Deadline) { client.shutdown() }
}

/// Posts OTLP/HTTP JSON bodies with the exporter rules every signal shares: one deadline, gzip,
/// configured headers, retries with backoff and `Retry-After`, partial success. The span and
/// metric exporters each own one.
final class OTLPHTTPClient: Sendable {
    let configuration: OTLPExporterConfiguration
    private let transport: any HTTPTransport
    private let logger: Logger
    /// The `partialSuccess` field that counts what the receiver refused (`rejectedSpans`,
    /// `rejectedDataPoints`).
    private let rejectedKey: String
    private let shutDown = Atomic<Bool>(false)
    // Signalled at shutdown so that a retry wait ends early.
    private let wake = DispatchSemaphore(value: 0)
    private let spareWriter = Locked<WriterBox?>(nil)

    /// Holds a writer between requests (a non-copyable value needs a home to be shared).
    private final class WriterBox {
        var writer: JSONWriter
        init(capacity: Int) { writer = JSONWriter(capacity: capacity) }
    }

    init(configuration: OTLPExporterConfiguration, transport: (any HTTPTransport)?, logger: Logger, rejectedKey: String) {
        self.configuration = configuration
        self.transport = transport ?? CurlTransport(tls: configuration.tls)
        self.logger = logger
        self.rejectedKey = rejectedKey
    }

    var isShutdown: Bool { shutDown.load(ordering: .acquiring) }

    /// Encodes a body with `encode` and posts it, retrying as the configuration says, by
    /// `callerDeadline` or `timeout`, whichever comes first.
    func send(deadline callerDeadline: Deadline, estimatedSize: Int, encode: (inout JSONWriter) -> Void) -> ExportResult {
        guard !isShutdown else { return .failure(.shutdown) }
        var deadline = callerDeadline
        if configuration.timeout > .zero { deadline = min(deadline, .after(configuration.timeout)) }

        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        let encoded = encodeBody(estimatedSize: estimatedSize, encode)
        guard let body = encoded.body else { return .failure(.payloadTooLarge(bytes: encoded.size)) }
        if encoded.gzipped { headers.append(("Content-Encoding", "gzip")) }
        for header in configuration.headers { headers.append((header.name, header.value)) }
        let request = HTTPRequest(url: configuration.endpoint, headers: headers, body: body)

        var lastError = ExportError.timeout
        for attempt in 0..<max(1, configuration.retry.maxAttempts) {
            let remaining = deadline.remainingNanos
            guard remaining > 0 else { return .failure(lastError) }
            var retryAfter: Duration?
            switch transport.post(request, timeout: .nanoseconds(Int64(clamping: remaining))) {
            case .success(let response):
                switch response.status {
                case 200..<300:
                    return redacted(Self.parseSuccess(response.body, rejectedKey: rejectedKey))
                case 429, 502, 503, 504:
                    lastError = .httpStatus(response.status, retryable: true, message: redacted(Self.statusMessage(response.body)))
                    retryAfter = response.headers["retry-after"].flatMap { RetryAfter.parse($0, nowUnixSeconds: Double(WallClock.nowUnixNano()) / 1e9) }
                default:
                    return .failure(.httpStatus(response.status, retryable: false, message: redacted(Self.statusMessage(response.body))))
                }
            case .failure(let error):
                // A post cut short by shutdown() is not the network's fault.
                if isShutdown { return .failure(.shutdown) }
                lastError = error.isTimeout ? .timeout : .transport(code: error.code, message: error.message)
            }
            if attempt + 1 >= configuration.retry.maxAttempts { break }
            let wait = retryAfter ?? configuration.retry.backoff(afterAttempt: attempt)
            let waitNanos = UInt64(max(0, wait.nanoseconds))
            // A wait that outlasts the deadline cannot lead to a delivery: give up now.
            guard waitNanos < deadline.remainingNanos else { return .failure(lastError) }
            if wake.wait(timeout: .now() + .nanoseconds(Int(clamping: waitNanos))) == .success {
                wake.signal() // keep waking any other waiter; we are shutting down
                return .failure(.shutdown)
            }
            if isShutdown { return .failure(.shutdown) }
        }
        return .failure(lastError)
    }

    /// The request body: JSON, gzipped when configured; `nil` when the JSON is over
    /// `maxRequestBytes`, with its size.
    ///
    /// Encodes into a writer kept from the last request, so a steady stream of exports reuses
    /// one buffer; a request made while another holds it (only when several processors share
    /// an exporter) uses its own.
    private func encodeBody(estimatedSize: Int, _ encode: (inout JSONWriter) -> Void) -> (body: [UInt8]?, size: Int, gzipped: Bool) {
        let box = spareWriter.withLock { spare -> WriterBox in
            defer { spare = nil }
            return spare ?? WriterBox(capacity: estimatedSize)
        }
        defer {
            // Kept for the next request, unless a rare giant one grew it past a few default batches.
            box.writer.reset(keepingAtMost: 4 << 20)
            spareWriter.withLock { $0 = box }
        }
        encode(&box.writer)
        let size = box.writer.count
        guard size <= configuration.maxRequestBytes else { return (nil, size, false) }
        if configuration.compression == .gzip {
            do {
                return (try box.writer.withUnsafeBytes { try Gzip.compress($0, level: configuration.gzipLevel) }, size, true)
            } catch {
                logger.warning("gzip failed (\(error)); sending the body uncompressed")
            }
        }
        return (box.writer.bytes, size, false)
    }

    /// `text` (a receiver's message, bound for logs) with every configured header value
    /// hidden: a receiver that echoes the request's headers must not leak an API key.
    private func redacted(_ text: String) -> String {
        configuration.headers.reduce(text) { text, header in
            header.value.count < 4 ? text : text.replacingOccurrences(of: header.value, with: "<redacted>")
        }
    }

    private func redacted(_ result: ExportResult) -> ExportResult {
        guard case .partialSuccess(let rejected, let message) = result else { return result }
        return .partialSuccess(rejected: rejected, message: redacted(message))
    }

    /// Stops: later sends fail at once, and a post or retry wait in progress ends.
    func shutdown() {
        if !shutDown.exchange(true, ordering: .acquiringAndReleasing) {
            wake.signal()
            transport.cancel()
        }
    }

    /// Reads `partialSuccess` from a 2xx body. An empty or unreadable body counts as full success:
    /// the receiver took the data.
    static func parseSuccess(_ body: [UInt8], rejectedKey: String) -> ExportResult {
        guard !body.isEmpty,
              let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let partial = object["partialSuccess"] as? [String: Any]
        else { return .success }
        let rejected: Int
        switch partial[rejectedKey] {
        case let n as NSNumber: rejected = n.intValue
        case let s as String: rejected = Int(s) ?? 0
        default: rejected = 0
        }
        let message = (partial["errorMessage"] as? String) ?? ""
        if rejected > 0 || !message.isEmpty { return .partialSuccess(rejected: max(0, rejected), message: String(message.prefix(500))) }
        return .success
    }

    /// The `message` of a `google.rpc.Status` error body, for logs; at most 200 characters.
    static func statusMessage(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "" }
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
            return (object["message"] as? String).map { String($0.prefix(200)) } ?? ""
        }
        return String(String(decoding: body.prefix(200), as: UTF8.self).filter { !$0.isNewline })
    }
}

/// Parses `Retry-After`: delta-seconds, or an HTTP date (IMF-fixdate, RFC 850 or asctime).
enum RetryAfter {
    /// The wait it asks for; `nil` if unreadable. A date in the past means no wait.
    static func parse(_ value: String, nowUnixSeconds: Double) -> Duration? {
        let trimmed = value.trimmingOWS()
        if let seconds = Int(trimmed) {
            return seconds >= 0 ? .seconds(seconds) : nil
        }
        guard let date = httpDate(String(trimmed)) else { return nil }
        return .milliseconds(Int64(max(0, (date - nowUnixSeconds) * 1000)))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Unix seconds of an HTTP date. The three forms share their tokens: a month name, a day, a
    /// year and a time, in different orders, so reading tokens by shape covers all of them.
    static func httpDate(_ text: String) -> Double? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map(String.init)
        var day: Int?, month: Int?, year: Int?, hms: [Int]?
        for token in tokens {
            if token.contains(":") {
                let parts = token.split(separator: ":").compactMap { Int($0) }
                guard parts.count == 3 else { return nil }
                hms = parts
            } else if let index = months.firstIndex(of: token.lowercased()) {
                month = index + 1
            } else if let number = Int(token) {
                if token.count <= 2 && day == nil {
                    day = number
                } else {
                    year = token.count == 2 ? (number < 70 ? 2000 + number : 1900 + number) : number
                }
            }
        }
        guard let day, let month, let year, let hms, (1...31).contains(day), hms[0] < 24, hms[1] < 60, hms[2] < 61 else { return nil }
        return Double(daysFromCivil(year: year, month: month, day: day)) * 86400
            + Double(hms[0] * 3600 + hms[1] * 60 + hms[2])
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
