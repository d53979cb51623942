import Dispatch
import FoundationEssentials
import Logging
internal import LLMTraceSupport
import Synchronization

/// Posts OTLP/HTTP bodies (JSON or protobuf, as configured) with the exporter rules every signal shares: one deadline, gzip,
/// configured headers, retries with backoff and `Retry-After`, partial success. The span, log and
/// metric exporters each own one.
final class OTLPHTTPClient: Sendable {
    let configuration: OTLPExporterConfiguration
    /// One per request that may be in flight at once (`DeliveryConfiguration.concurrency`),
    /// each with its own connection; a transport given for tests serves every lane.
    let transports: [any HTTPTransport]
    private let logger: Logger
    /// The `partialSuccess` field that counts what the receiver refused (`rejectedSpans`,
    /// `rejectedDataPoints`).
    private let rejectedKey: String
    private let shutDown = Atomic<Bool>(false)
    // Signalled at shutdown so that a retry wait ends early.
    private let wake = DispatchSemaphore(value: 0)
    private let spareWriter = Locked<WriterBox?>(nil)
    /// Bytes per item of the last uncompressed body, rounded up: the next one's array is sized
    /// from it, so that it is written in place (`ByteWriter.array`) with little room to spare.
    private let plainBytesPerItem = Atomic<Int>(0)

    /// Holds a writer between requests (a non-copyable value needs a home to be shared).
    private final class WriterBox {
        var writer: ByteWriter
        /// Made at the first gzipped body, kept with the buffer it compresses.
        var compressor: GzipCompressor?
        init(capacity: Int) { writer = ByteWriter(capacity: capacity) }
    }

    /// The outcome of one request.
    enum Attempt: Sendable, Equatable {
        /// Delivered (in full or in part), or refused for good.
        case done(ExportResult)
        /// Worth trying again, after `after` if the receiver said (`Retry-After`).
        case retry(ExportError, after: Duration?)
    }

    init(configuration: OTLPExporterConfiguration, transport: (any HTTPTransport)?, logger: Logger, rejectedKey: String) {
        var configuration = configuration
        // Said once here, rather than as a failed compression at every request.
        if configuration.compression == .gzip, !GzipCompressor.compressingLevels.contains(configuration.gzipLevel) {
            let fallback = OTLPExporterConfiguration().gzipLevel
            logger.warning("gzip level \(configuration.gzipLevel) is not one of \(GzipCompressor.compressingLevels); using \(fallback)")
            configuration.gzipLevel = fallback
        }
        self.configuration = configuration
        let lanes = max(1, configuration.delivery.concurrency)
        if let transport {
            transports = Array(repeating: transport, count: lanes)
        } else {
            transports = (0..<lanes).map { _ in CurlTransport(tls: configuration.tls) }
        }
        self.logger = logger
        self.rejectedKey = rejectedKey
    }

    var isShutdown: Bool { shutDown.load(ordering: .acquiring) }

    /// Encodes a body with `encode` and posts it, retrying as the configuration says, by
    /// `callerDeadline` or `timeout`, whichever comes first: the exporters' own `export`, for a
    /// caller that waits for the outcome.
    func send(deadline callerDeadline: Deadline, estimatedSize: Int, items: Int = 0, encode: (inout ByteWriter) -> Void) -> ExportResult {
        guard !isShutdown else { return .failure(.shutdown) }
        var deadline = callerDeadline
        if configuration.timeout > .zero { deadline = min(deadline, .after(configuration.timeout)) }
        let batch: EncodedBatch
        switch self.encode(estimatedSize: estimatedSize, items: items, encode) {
        case .success(let encoded): batch = encoded
        case .failure(let error): return .failure(error)
        }
        var lastError = ExportError.timeout
        for attempt in 0..<max(1, configuration.retry.maxAttempts) {
            let remaining = deadline.remainingNanos
            guard remaining > 0 else { return .failure(lastError) }
            let retryAfter: Duration?
            switch self.attempt(batch, lane: 0, timeout: .nanoseconds(Int64(clamping: remaining))) {
            case .done(let result): return result
            case .retry(let error, let after):
                lastError = error
                retryAfter = after
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

    /// Posts `batch` once on `lane`, waiting at most `timeout` for the answer.
    func attempt(_ batch: EncodedBatch, lane: Int, timeout: Duration) -> Attempt {
        guard !isShutdown else { return .done(.failure(.shutdown)) }
        guard let wire = batch.wireBody(limit: configuration.maxRequestBytes) else {
            return .done(.failure(.payloadTooLarge(bytes: batch.body.count)))
        }
        var headers: [(name: String, value: String)] = [("Content-Type", batch.wireProtocol.contentType)]
        if wire.gzipped { headers.append(("Content-Encoding", "gzip")) }
        headers.append(contentsOf: configuration.headers)
        let request = HTTPRequest(url: configuration.endpoint, headers: headers, body: wire.body)
        switch transports[lane % transports.count].post(request, timeout: timeout) {
        case .success(let response):
            let contentType = response.headers["content-type"]
            switch response.status {
            case 200..<300:
                return .done(redacted(Self.parseSuccess(response.body, contentType: contentType, rejectedKey: rejectedKey)))
            case 429, 502, 503, 504:
                let error = ExportError.httpStatus(response.status, retryable: true, message: redacted(Self.statusMessage(response.body, contentType: contentType)))
                let after = response.headers["retry-after"].flatMap { RetryAfter.parse($0, nowUnixSeconds: Double(WallClock.nowUnixNano()) / 1e9) }
                return .retry(error, after: after)
            default:
                return .done(.failure(.httpStatus(response.status, retryable: false, message: redacted(Self.statusMessage(response.body, contentType: contentType)))))
            }
        case .failure(let error):
            // A post cut short by shutdown() is not the network's fault.
            if isShutdown { return .done(.failure(.shutdown)) }
            return .retry(error.isTimeout ? .timeout : .transport(code: error.code, message: error.message), after: nil)
        }
    }

    /// Sends `batch`; one over `maxRequestBytes` is sent in halves, so that only an item too
    /// large on its own is lost (reported as rejected by the combined result).
    func send<Item>(
        _ batch: [Item], itemName: String, deadline: Deadline,
        estimatedSize: (Int) -> Int, encode: ([Item], inout ByteWriter) -> Void
    ) -> ExportResult {
        let result = send(deadline: deadline, estimatedSize: estimatedSize(batch.count), items: batch.count) { writer in encode(batch, &writer) }
        guard case .failure(.payloadTooLarge) = result, batch.count > 1 else { return result }
        let halves = [Array(batch[..<(batch.count / 2)]), Array(batch[(batch.count / 2)...])]
        var rejected = 0
        var messages: [String] = []
        var firstFailure: ExportError?
        for half in halves {
            switch send(half, itemName: itemName, deadline: deadline, estimatedSize: estimatedSize, encode: encode) {
            case .success:
                break
            case .partialSuccess(let count, let message):
                rejected += count
                if !message.isEmpty { messages.append(message) }
            case .failure(let error):
                rejected += half.count
                messages.append("\(half.count) \(itemName) not sent: \(error)")
                firstFailure = firstFailure ?? error
            }
        }
        if rejected == batch.count, let firstFailure { return .failure(firstFailure) }
        return rejected == 0 ? .success : .partialSuccess(rejected: rejected, message: messages.joined(separator: "; "))
    }

    /// `batch` encoded into request bodies for the delivery queue: one, or, when that is over
    /// `maxRequestBytes`, the halves' bodies; `tooLarge` counts the items that are over it on
    /// their own.
    func encodeBodies<Item>(
        _ batch: [Item], estimatedSize: (Int) -> Int, encode: ([Item], inout ByteWriter) -> Void
    ) -> (bodies: [EncodedBatch], tooLarge: Int) {
        switch self.encode(estimatedSize: estimatedSize(batch.count), items: batch.count, { encode(batch, &$0) }) {
        case .success(let body):
            return ([body], 0)
        case .failure:
            guard batch.count > 1 else { return ([], batch.count) }
            let first = encodeBodies(Array(batch[..<(batch.count / 2)]), estimatedSize: estimatedSize, encode: encode)
            let second = encodeBodies(Array(batch[(batch.count / 2)...]), estimatedSize: estimatedSize, encode: encode)
            return (first.bodies + second.bodies, first.tooLarge + second.tooLarge)
        }
    }

    /// The request body: encoded, gzipped when configured; `payloadTooLarge` when the encoding
    /// is over `maxRequestBytes`.
    ///
    /// An uncompressed body is written straight into the array it is sent from. One to be
    /// gzipped is encoded into a writer kept from the last request, so a steady stream of
    /// exports reuses one buffer; a request made while another holds it (only when several
    /// processors share an exporter) uses its own.
    func encode(estimatedSize: Int, items: Int, _ encode: (inout ByteWriter) -> Void) -> Result<EncodedBatch, ExportError> {
        guard configuration.compression == .gzip else {
            var body = ByteWriter.array(capacity: plainCapacity(estimatedSize: estimatedSize, items: items), encode)
            if items > 0 { plainBytesPerItem.store((body.count + items - 1) / items, ordering: .relaxed) }
            guard body.count <= configuration.maxRequestBytes else { return .failure(.payloadTooLarge(bytes: body.count)) }
            // A guess well above this body (its spans smaller than the last batch's) would wait
            // with it: copied out at its own size, the one copy the guess otherwise saves.
            if body.capacity - body.count > body.count / 4 + 4096 { body = body.withUnsafeBufferPointer { Array($0) } }
            return .success(EncodedBatch(body: body, storage: .plain, wireProtocol: configuration.protocol, items: items))
        }
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
        guard size <= configuration.maxRequestBytes else { return .failure(.payloadTooLarge(bytes: size)) }
        do {
            let compressor = try GzipCompressor.reusing(&box.compressor, level: configuration.gzipLevel)
            let body = try box.writer.withUnsafeBytes { try compressor.compress($0) }
            return .success(EncodedBatch(body: body, storage: .gzipped, wireProtocol: configuration.protocol, items: items))
        } catch {
            logger.warning("gzip failed (\(error)); sending the body uncompressed")
            return .success(EncodedBatch(body: box.writer.bytes, storage: .plain, wireProtocol: configuration.protocol, items: items))
        }
    }

    /// Room for an uncompressed body of `items` items: the last body's bytes per item and an
    /// eighth more, or the encoder's `estimatedSize` before the first; never past the largest
    /// request (a body that outgrows it is split anyway). A body that outgrows the guess is
    /// copied once at the end, as every body was before it was written in place.
    private func plainCapacity(estimatedSize: Int, items: Int) -> Int {
        let perItem = plainBytesPerItem.load(ordering: .relaxed)
        let guess = items > 0 && perItem > 0 ? 512 + items * perItem * 9 / 8 : estimatedSize
        return min(guess, configuration.maxRequestBytes)
    }

    /// `text` (a receiver's message, bound for logs) with every configured header value
    /// hidden: a receiver that echoes the request's headers must not leak an API key.
    private func redacted(_ text: String) -> String {
        configuration.headers.map(\.value).reduce(text) { text, value in
            value.count < 4 ? text : text.replacing(value, with: "<redacted>")
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
            for transport in transports { transport.cancel() }
        }
    }

    /// Whether a response body is protobuf: by its `Content-Type`, else by its first byte (a
    /// receiver may answer a protobuf request with JSON, or name no type at all).
    static func isProtobuf(_ body: [UInt8], contentType: String?) -> Bool {
        if let type = contentType?.lowercased() {
            if type.contains("protobuf") { return true }
            if type.contains("json") { return false }
        }
        guard let first = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return false }
        return first != UInt8(ascii: "{")
    }

    /// Reads the partial success from a 2xx body, JSON or protobuf (`Export*ServiceResponse`:
    /// `partial_success` = 1 holding `rejected_*` = 1 and `error_message` = 2). An empty or
    /// unreadable body counts as full success: the receiver took the data.
    static func parseSuccess(_ body: [UInt8], contentType: String?, rejectedKey: String) -> ExportResult {
        guard !body.isEmpty else { return .success }
        var rejected = 0
        var message = ""
        if isProtobuf(body, contentType: contentType) {
            guard let response = ProtobufReader.fields(body[...]),
                  case .bytes(let partial)? = response.last(where: { $0.field == 1 })?.value,
                  let fields = ProtobufReader.fields(partial)
            else { return .success }
            for (field, value) in fields {
                switch (field, value) {
                case (1, .varint(let count)): rejected = Int(truncatingIfNeeded: Int64(bitPattern: count))
                case (2, .bytes(let text)): message = String(decoding: text, as: UTF8.self)
                default: break
                }
            }
        } else {
            guard let object = JSONValue.object(in: body), case .object(let partial)? = object["partialSuccess"]
            else { return .success }
            rejected = partial[rejectedKey]?.integer ?? 0
            message = partial["errorMessage"]?.string ?? ""
        }
        if rejected > 0 || !message.isEmpty { return .partialSuccess(rejected: max(0, rejected), message: String(message.prefix(500))) }
        return .success
    }

    /// The `message` of a `google.rpc.Status` error body (JSON, or protobuf field 2), else the
    /// start of the body, for logs; at most 200 characters.
    static func statusMessage(_ body: [UInt8], contentType: String?) -> String {
        guard !body.isEmpty else { return "" }
        if isProtobuf(body, contentType: contentType) {
            if let fields = ProtobufReader.fields(body[...]), case .bytes(let text)? = fields.first(where: { $0.field == 2 })?.value {
                return String(String(decoding: text, as: UTF8.self).prefix(200))
            }
        } else if let object = JSONValue.object(in: body) {
            return object["message"]?.string.map { String($0.prefix(200)) } ?? ""
        }
        return String(String(decoding: body.prefix(200), as: UTF8.self).filter { !$0.isNewline })
    }
}
