import CCurlZlib
import Synchronization

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
    public init(tls: TLSConfiguration = TLSConfiguration(), connectTimeout: Duration = .seconds(5), userAgent: String = "OTel-OTLP-Exporter-Swift/\(SDKVersion.current) llmtrace") {
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
