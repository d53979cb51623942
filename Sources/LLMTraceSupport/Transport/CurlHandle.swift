import CCurlZlib

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
        // libcurl copies a large body through its upload buffer (64 KiB by default) and sends it
        // a buffer at a time, polling the socket between: a default batch of JSON spans took six
        // sends and twelve polls. A buffer that holds such a body whole sends it in one or two.
        // Only the part a body fills is touched.
        llmtrace_curl_setopt_long(easy, CURLOPT_UPLOAD_BUFFERSIZE, Self.uploadBufferSize)
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

    /// Room for a default batch of 512 JSON spans (about 320 KB).
    static let uploadBufferSize = 512 * 1024

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
