import CCurlZlib
import Synchronization

/// Certificates for HTTPS endpoints. Verification of the server's certificate always stays on.
public struct TLSConfiguration: Sendable, Equatable {
    /// PEM file of the CA that signs the receiver's certificate; `nil` uses the system store.
    /// - Environment: `OTEL_EXPORTER_OTLP_CERTIFICATE` (and `..._TRACES_CERTIFICATE`).
    public var certificateFile: String?
    /// PEM client certificate (chain) for mutual TLS.
    /// - Environment: `OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE`.
    public var clientCertificateFile: String?
    /// PEM private key of the client certificate.
    /// - Environment: `OTEL_EXPORTER_OTLP_CLIENT_KEY`.
    public var clientKeyFile: String?

    /// No custom certificates.
    public init(certificateFile: String? = nil, clientCertificateFile: String? = nil, clientKeyFile: String? = nil) {
        self.certificateFile = certificateFile
        self.clientCertificateFile = clientCertificateFile
        self.clientKeyFile = clientKeyFile
    }
}

/// HTTP over libcurl with one reused handle, so successive exports share one keep-alive
/// connection.
///
/// The handle is not thread-safe; a lock makes posts from several threads take turns (the batch
/// processor only ever sends one at a time anyway). Each post runs on libcurl's multi interface,
/// so `cancel()` can end one that is waiting on a silent receiver at once. libcurl never raises
/// signals here (`CURLOPT_NOSIGNAL`), so it is safe in a multithreaded process.
public final class CurlTransport: HTTPTransport {
    /// Largest response body read; the rest of a larger one is not waited for (the status
    /// decides the outcome).
    public static let maxResponseBytes = 4 << 20

    private let handle: Locked<CurlHandle>
    private let connectTimeout: Duration
    private let cancelled: CancelFlag

    /// Creates a transport.
    /// - Parameters:
    ///   - tls: Certificates for `https` endpoints.
    ///   - connectTimeout: Longest wait for the TCP and TLS handshake of one attempt.
    ///   - userAgent: The `User-Agent` header.
    public init(tls: TLSConfiguration = TLSConfiguration(), connectTimeout: Duration = .seconds(5), userAgent: String = "OTel-OTLP-Exporter-Swift/\(LLMTraceVersion.current) llmtrace") {
        _ = CurlTransport.globalInit
        self.connectTimeout = connectTimeout
        let handle = CurlHandle(tls: tls, userAgent: userAgent)
        self.cancelled = handle.cancelled
        self.handle = Locked(handle)
    }

    /// libcurl's global set-up must run once, before any handle, and is not thread-safe itself;
    /// a static `let` runs it exactly once.
    private static let globalInit: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    public func post(_ request: HTTPRequest, timeout: Duration) -> Result<HTTPResponse, TransportError> {
        let timeoutMs = max(1, timeout.milliseconds)
        let connectMs = min(timeoutMs, max(1, connectTimeout.milliseconds))
        return handle.withLock { $0.post(request, timeoutMs: Int(timeoutMs), connectTimeoutMs: Int(connectMs)) }
    }

    /// Ends a post in progress within milliseconds, and makes later ones fail at once.
    public func cancel() { cancelled.set() }
}

/// Set once to stop a transport; wakes the post that is waiting.
final class CancelFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    // curl_multi_wakeup may be called from any thread; the handle outlives every caller.
    nonisolated(unsafe) let multi: UnsafeMutableRawPointer?

    init(multi: UnsafeMutableRawPointer?) { self.multi = multi }

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() {
        flag.store(true, ordering: .releasing)
        if let multi { curl_multi_wakeup(multi) }
    }
}

/// Owns one easy handle and the multi handle that runs it (and keeps its connection); only
/// reached through `CurlTransport`'s lock, except for the cancel flag.
final class CurlHandle {
    private let easy: UnsafeMutableRawPointer?
    private let multi: UnsafeMutableRawPointer?
    let cancelled: CancelFlag

    init(tls: TLSConfiguration, userAgent: String) {
        easy = curl_easy_init()
        multi = curl_multi_init()
        cancelled = CancelFlag(multi: multi)
        guard let easy else { return }
        llmtrace_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        llmtrace_curl_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        llmtrace_curl_setopt_long(easy, CURLOPT_TCP_NODELAY, 1)
        llmtrace_curl_setopt_long(easy, CURLOPT_POST, 1)
        llmtrace_curl_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0)
        llmtrace_curl_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        llmtrace_curl_setopt_string(easy, CURLOPT_USERAGENT, userAgent)
        if let file = tls.certificateFile { llmtrace_curl_setopt_string(easy, CURLOPT_CAINFO, file) }
        if let file = tls.clientCertificateFile { llmtrace_curl_setopt_string(easy, CURLOPT_SSLCERT, file) }
        if let file = tls.clientKeyFile { llmtrace_curl_setopt_string(easy, CURLOPT_SSLKEY, file) }
        llmtrace_curl_setopt_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, user in
            let sink = Unmanaged<ResponseSink>.fromOpaque(user!).takeUnretainedValue()
            return sink.appendBody(data, size * count)
        }
        llmtrace_curl_setopt_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, user in
            let sink = Unmanaged<ResponseSink>.fromOpaque(user!).takeUnretainedValue()
            return sink.appendHeader(data, size * count)
        }
    }

    deinit {
        if let easy { curl_easy_cleanup(easy) }
        if let multi { curl_multi_cleanup(multi) }
    }

    /// Runs the transfer set up on the easy handle; `nil` if cancelled first.
    private func perform(_ easy: UnsafeMutableRawPointer, _ multi: UnsafeMutableRawPointer) -> CURLcode? {
        curl_multi_add_handle(multi, easy)
        defer { curl_multi_remove_handle(multi, easy) }
        var running: Int32 = 0
        while !cancelled.isSet {
            curl_multi_perform(multi, &running)
            let done = llmtrace_curl_multi_done(multi)
            if done >= 0 { return CURLcode(UInt32(done)) }
            // Returns on socket activity, when libcurl's own timers (the timeouts) are due, or on
            // curl_multi_wakeup from cancel().
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        return nil
    }

    static let cancelledError = TransportError(code: Int32(CURLE_ABORTED_BY_CALLBACK.rawValue), message: "cancelled: the transport was shut down")

    func post(_ request: HTTPRequest, timeoutMs: Int, connectTimeoutMs: Int) -> Result<HTTPResponse, TransportError> {
        guard let easy, let multi else {
            return .failure(TransportError(code: Int32(CURLE_FAILED_INIT.rawValue), message: "libcurl could not create a handle"))
        }
        guard !cancelled.isSet else { return .failure(Self.cancelledError) }
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        // An empty `Expect:` stops libcurl waiting for `100 Continue` on larger bodies.
        for line in ["Expect:"] + request.headers.map({ "\($0.name): \($0.value)" }) {
            headerList = curl_slist_append(headerList, line)
        }
        defer { curl_slist_free_all(headerList) }

        let sink = ResponseSink(limit: CurlTransport.maxResponseBytes)
        let code: CURLcode? = withExtendedLifetime(sink) {
            let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
            llmtrace_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, sinkPointer)
            llmtrace_curl_setopt_pointer(easy, CURLOPT_HEADERDATA, sinkPointer)
            llmtrace_curl_setopt_string(easy, CURLOPT_URL, request.url)
            llmtrace_curl_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
            llmtrace_curl_setopt_long(easy, CURLOPT_TIMEOUT_MS, timeoutMs)
            llmtrace_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutMs)
            return request.body.withUnsafeBytes { body in
                // libcurl reads the body during perform; it stays valid until this closure returns.
                llmtrace_curl_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                llmtrace_curl_setopt_pointer(easy, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: body.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
                let code = perform(easy, multi)
                llmtrace_curl_setopt_pointer(easy, CURLOPT_POSTFIELDS, nil)
                return code
            }
        }
        llmtrace_curl_setopt_slist(easy, CURLOPT_HTTPHEADER, nil)

        // A status line is the receiver's answer, whatever became of the rest: when the response
        // is cut short (closed, too slow, too large), a 2xx still means it took the data, and
        // sending again would deliver the spans twice. The body is what arrived.
        if let status = sink.status {
            return .success(HTTPResponse(status: status, headers: sink.headers, body: sink.body))
        }
        guard let code else { return .failure(Self.cancelledError) }
        let message = code == CURLE_OK ? "no HTTP status line in the response" : String(cString: curl_easy_strerror(code))
        return .failure(TransportError(code: Int32(code.rawValue), message: message, isTimeout: code == CURLE_OPERATION_TIMEDOUT))
    }
}

/// Collects one response from libcurl's callbacks.
final class ResponseSink {
    let limit: Int
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    /// The final (non-1xx) status, once its status line has arrived.
    var status: Int?

    init(limit: Int) { self.limit = limit }

    func appendBody(_ data: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let data, length > 0 else { return 0 }
        // A short count makes libcurl abort the transfer: a larger body is not worth reading.
        guard body.count + length <= limit else { return 0 }
        data.withMemoryRebound(to: UInt8.self, capacity: length) { body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
        return length
    }

    func appendHeader(_ data: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let data, length > 0 else { return length }
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        if line.hasPrefix("HTTP/") {
            headers.removeAll() // a new response (after 1xx, or a redirect) starts
            // "HTTP/1.1 200 OK": the code is the second token.
            let code = line.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0.prefix(3)) }
            status = code.flatMap { (200...599).contains($0) ? $0 : nil }
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingOWS().trimmingCharactersCRLF()
            headers[name] = String(value)
        }
        return length
    }
}

extension Substring {
    func trimmingCharactersCRLF() -> Substring {
        var s = self
        while let last = s.last, last == "\r" || last == "\n" || last == "\r\n" { s = s.dropLast() }
        return s.trimmingOWS()
    }
}
