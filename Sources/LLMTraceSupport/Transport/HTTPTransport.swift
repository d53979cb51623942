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
