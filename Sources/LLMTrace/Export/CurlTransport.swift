import CCurlZlib

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

/// HTTP over libcurl with one reused easy handle, so successive exports share one keep-alive
/// connection.
///
/// The handle is not thread-safe; a lock makes posts from several threads take turns (the batch
/// processor only ever sends one at a time anyway). libcurl never raises signals here
/// (`CURLOPT_NOSIGNAL`), so it is safe in a multithreaded process.
public final class CurlTransport: HTTPTransport {
    /// Largest response body read; the rest of a larger one is not waited for (the status
    /// decides the outcome).
    public static let maxResponseBytes = 4 << 20

    private let handle: Locked<CurlHandle>
    private let connectTimeout: Duration

    /// Creates a transport.
    /// - Parameters:
    ///   - tls: Certificates for `https` endpoints.
    ///   - connectTimeout: Longest wait for the TCP and TLS handshake of one attempt.
    ///   - userAgent: The `User-Agent` header.
    public init(tls: TLSConfiguration = TLSConfiguration(), connectTimeout: Duration = .seconds(5), userAgent: String = "OTel-OTLP-Exporter-Swift/\(LLMTraceVersion.current) llmtrace") {
        _ = CurlTransport.globalInit
        self.connectTimeout = connectTimeout
        self.handle = Locked(CurlHandle(tls: tls, userAgent: userAgent))
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
}

/// Owns one `CURL*`; only reached through `CurlTransport`'s lock.
final class CurlHandle {
    private let easy: UnsafeMutableRawPointer?

    init(tls: TLSConfiguration, userAgent: String) {
        easy = curl_easy_init()
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
    }

    func post(_ request: HTTPRequest, timeoutMs: Int, connectTimeoutMs: Int) -> Result<HTTPResponse, TransportError> {
        guard let easy else {
            return .failure(TransportError(code: Int32(CURLE_FAILED_INIT.rawValue), message: "libcurl could not create a handle"))
        }
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        // An empty `Expect:` stops libcurl waiting for `100 Continue` on larger bodies.
        for line in ["Expect:"] + request.headers.map({ "\($0.name): \($0.value)" }) {
            headerList = curl_slist_append(headerList, line)
        }
        defer { curl_slist_free_all(headerList) }

        let sink = ResponseSink(limit: CurlTransport.maxResponseBytes)
        let code: CURLcode = withExtendedLifetime(sink) {
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
                let code = curl_easy_perform(easy)
                llmtrace_curl_setopt_pointer(easy, CURLOPT_POSTFIELDS, nil)
                return code
            }
        }
        llmtrace_curl_setopt_slist(easy, CURLOPT_HTTPHEADER, nil)

        guard code == CURLE_OK else {
            // A status line is the receiver's answer: when the rest of the response is cut short
            // (closed, too slow, too large), a 2xx still means it took the data, and sending
            // again would deliver the spans twice. The body is what arrived.
            if let status = sink.status {
                return .success(HTTPResponse(status: status, headers: sink.headers, body: sink.body))
            }
            let message = String(cString: curl_easy_strerror(code))
            return .failure(TransportError(code: Int32(code.rawValue), message: message, isTimeout: code == CURLE_OPERATION_TIMEDOUT))
        }
        var status = 0
        llmtrace_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: sink.headers, body: sink.body))
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
