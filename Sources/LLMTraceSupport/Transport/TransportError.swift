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
