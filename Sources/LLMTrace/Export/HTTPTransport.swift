/// An HTTP request as exporters send it.
public struct HTTPRequest: Sendable {
    /// The full URL.
    public var url: String
    /// Header lines, in order. Values may be secrets: never log them.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a request.
    public init(url: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// What came back.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Response headers, names in lower case.
    public var headers: [String: String]
    /// The body, cut at the transport's limit.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends one HTTP POST and waits for the answer, up to a timeout.
///
/// The OTLP exporter's only view of the network; `CurlTransport` is the implementation.
public protocol HTTPTransport: Sendable {
    /// Posts `request`; returns the response, or the error that kept one from arriving.
    func post(_ request: HTTPRequest, timeout: Duration) -> Result<HTTPResponse, TransportError>
    /// Ends a post in progress as soon as it can and fails later ones: the exporter is shutting
    /// down and its caller's timeout is up.
    func cancel()
}

extension HTTPTransport {
    /// Transports that cannot interrupt a post let it run to its timeout.
    public func cancel() {}
}

/// Why no HTTP response arrived.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The transport's own code (libcurl's `CURLcode`).
    public var code: Int32
    /// A human-readable reason, free of header values.
    public var message: String
    /// Whether the attempt ran out of time (as opposed to being refused or reset).
    public var isTimeout: Bool

    /// Creates a transport error.
    public init(code: Int32, message: String, isTimeout: Bool = false) {
        self.code = code
        self.message = message
        self.isTimeout = isTimeout
    }

    public var description: String { message }
}
